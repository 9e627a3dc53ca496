using ExpertNetwork.Matching;

namespace ExpertNetwork.Web.Startup;

internal static class ForegroundRequests
{
    /// <summary>Counts the requests in flight, which background embedding gives way to (<see cref="ForegroundActivity"/>).</summary>
    public static WebApplication UseForegroundRequests(this WebApplication app)
    {
        var activity = app.Services.GetRequiredService<ForegroundActivity>();
        app.Use(async (context, next) =>
        {
            activity.Enter();
            try
            {
                await next(context);
            }
            finally
            {
                activity.Exit();
            }
        });
        return app;
    }
}
