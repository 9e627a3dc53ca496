using ExpertNetwork;
using ExpertNetwork.Web.Experts;
using ExpertNetwork.Web.Startup;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddExpertNetworkEnvironment();

// The directory: store, import, search, shared with the CLI.
builder.Services.AddExpertNetwork(builder.Configuration);

// Start-up work that must finish before the first request: migrations, demo data.
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHostedService<DirectoryStartup>();

builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthChecks("/health");
app.MapExperts();
app.MapGet("/", () => Results.Redirect("/api/stats"));

app.Run();
