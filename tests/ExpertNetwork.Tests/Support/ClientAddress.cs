using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Support;

/// <summary>
/// The test server has no network peer; this gives a request the client address its header names, before the
/// app's own middleware, as a connection from that address would.
/// </summary>
public sealed class ClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public static void Install(IWebHostBuilder builder) => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddress>());

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var address))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            }

            return following(context);
        });
        next(app);
    };
}
