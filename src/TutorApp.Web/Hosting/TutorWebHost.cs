using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.FileProviders;
using Radzen;
using TutorApp.Data;
using TutorApp.Data.DataProtection;
using TutorApp.Data.Hosting;
using TutorApp.Data.Migrations;
using TutorApp.Data.Seeding;
using TutorApp.Data.Tutoring;
using TutorApp.KnowledgeTracing;
using TutorApp.Web.Auth;
using TutorApp.Web.Classes;
using TutorApp.Web.Components.Admin;
using TutorApp.Web.Components;
using TutorApp.Web.Health;
using TutorApp.Web.Llm;
using TutorApp.Web.Markdown;
using TutorApp.Web.Observability;
using TutorApp.Web.Security;
using TutorApp.Web.Tutoring;

namespace TutorApp.Web.Hosting;

/// <summary>The web app's composition root: what Program.cs adds and maps, one module at a time.</summary>
public static class TutorWebHost
{
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        // appsettings.json, migrations/ and wwwroot/ live at the repository root (or beside the binaries when published).
        ContentRootPath = ContentRoot.Find(),
        WebRootPath = "wwwroot",
    };

    public static WebApplicationBuilder AddTutorWeb(this WebApplicationBuilder builder)
    {
        builder.AddTutorData();
        builder.AddTutorDataProtection();
        builder.AddTutorProxySupport();
        builder.AddTutorObservability();
        builder.AddKnowledgeTracing();
        builder.AddTutorAuth();
        builder.AddSignInRateLimiting();
        builder.AddTutorHealthChecks();
        builder.AddTutoring();
        builder.AddLlm();
        builder.Services.AddClassAuthorization();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddProblemDetails();
        builder.Services.AddRadzenComponents();
        builder.Services.AddSingleton<MarkdownRenderer>();
        return builder;
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.ApplyMigrationsOnStartup)
        {
            await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
        }
        await app.Services.EnsureDataProtectionKeyAsync();

        if (app.Environment.IsDevelopment())
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
            app.Logger.LogInformation("Demo accounts (Development only):{Accounts}", string.Concat(
                DemoDataSeeder.Accounts.Select(a => $"{Environment.NewLine}  {a.Role,-8} {a.Email} / {a.Password}")));
        }
    }

    public static WebApplication UseTutorWeb(this WebApplication app)
    {
        app.UseTutorProxySupport();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        // 400, 403 and 404 without a body of their own get a page that says what went wrong; the JSON API answers
        // with problem details instead.
        app.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            return next(context);
        });

        // The repository's wwwroot (own CSS/JS, npm packages copied in, blazor.web.js when extracted).
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(app.Environment.WebRootPath) });

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        // Component libraries' assets (Radzen's _content/...).
        app.MapStaticAssets().AllowAnonymous();
        app.MapTutorHealthChecks();
        app.MapTutorMetrics();
        app.MapAccountEndpoints();
        app.MapAdminEndpoints();
        app.MapApiTokenEndpoints();
        app.MapSessionEndpoints();
        app.MapClassEndpoints();
        // Our own policy already says frame-ancestors 'none'; Blazor's default second header ('self') would only add noise.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
