using Microsoft.AspNetCore.HttpOverrides;

namespace TutorApp.Web.Hosting;

/// <summary>
/// Section "ForwardedHeaders": behind an ingress or load balancer, the client's address and scheme arrive in
/// X-Forwarded-For and X-Forwarded-Proto; they are believed only from the proxies and networks listed here (and loopback).
/// </summary>
public sealed class ProxySettings
{
    public const string Section = "ForwardedHeaders";

    public bool Enabled { get; set; }

    public string[] KnownProxies { get; set; } = [];

    public string[] KnownNetworks { get; set; } = [];
}

public static class ProxyExtensions
{
    public static WebApplicationBuilder AddTutorProxySupport(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ProxySettings.Section).Get<ProxySettings>() ?? new();
        var proxies = NetworkList.ParseAddresses(settings.KnownProxies, $"{ProxySettings.Section}:{nameof(ProxySettings.KnownProxies)}");
        var networks = NetworkList.ParseNetworks(settings.KnownNetworks, $"{ProxySettings.Section}:{nameof(ProxySettings.KnownNetworks)}");
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, so that HTTPS redirection, cookies' Secure flag, logs and the metrics endpoint's
    /// network check all see the client as the proxy reported it.</summary>
    public static WebApplication UseTutorProxySupport(this WebApplication app)
    {
        if (app.Configuration.GetSection(ProxySettings.Section).Get<ProxySettings>()?.Enabled == true)
        {
            app.UseForwardedHeaders();
        }
        return app;
    }
}
