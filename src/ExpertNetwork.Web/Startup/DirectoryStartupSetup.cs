namespace ExpertNetwork.Web.Startup;

internal static class DirectoryStartupSetup
{
    public static WebApplicationBuilder AddDirectoryStartup(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<DirectoryStartup>();
        return builder;
    }
}
