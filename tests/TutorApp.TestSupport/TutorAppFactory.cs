using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Hosting;

namespace TutorApp.TestSupport;

/// <summary>The real app (real PostgreSQL, real middleware) on the given database.</summary>
/// <param name="settings">Configuration overrides for this host, e.g. a low rate limit.</param>
public class TutorAppFactory(string connectionString, string environment = "Development", IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>Serve on a real Kestrel socket on loopback, for a browser to reach.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseContentRoot(ContentRoot.Find());
        builder.UseSetting("ConnectionStrings:Tutor", connectionString);
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
