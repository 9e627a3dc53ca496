namespace ExpertNetwork.Web.Startup;

internal static class DirectoryStartupSetup
{
    public static WebApplicationBuilder AddDirectoryStartup(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<DirectoryStartup>();

        // After the start-up work, which opens the index it follows.
        builder.Services.AddHostedService<ExpertNetwork.Experts.IndexFollower>();
        return builder;
    }
}
