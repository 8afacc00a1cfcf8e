using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TutorApp.Data.Audit;
using TutorApp.Data.Migrations;
using TutorApp.Data.Privacy;
using TutorApp.Data.Practice;
using TutorApp.Data.Classes;
using TutorApp.Data.Content;
using TutorApp.Data.Dashboard;
using TutorApp.Data.Mastery;
using TutorApp.Domain.Mastery;
using TutorApp.Data.Seeding;

namespace TutorApp.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Tutor";

    public static IHostApplicationBuilder AddTutorData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Read when first resolved, not now, so that a test host's configuration overrides are seen.
        // A factory, because Blazor Server components live for a whole circuit and must not share one context; pooled,
        // because every tutoring turn creates contexts and a reset pooled one is cheaper than a new one. (Npgsql pools
        // the connections underneath on its own; Maximum Pool Size in the connection string bounds them.)
        builder.Services.AddPooledDbContextFactory<TutorDbContext>((services, options) =>
            options.UseNpgsql(RequireConnectionString(services.GetRequiredService<IConfiguration>())));
        // Identity's stores take the context itself, per request.
        builder.Services.TryAddScoped(services => services.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContext());

        builder.Services.AddSingleton(services => new MigrationRunner(
            RequireConnectionString(services.GetRequiredService<IConfiguration>()),
            Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrationsPath),
            services.GetRequiredService<ILogger<MigrationRunner>>()));

        builder.Services.AddScoped<ProblemBank>();
        builder.Services.AddScoped<SkillCatalog>();
        builder.Services.AddScoped<BankImporter>();
        builder.Services.AddScoped<BankExporter>();
        builder.Services.AddScoped<ContentImport>();
        builder.Services.AddScoped<ProblemRecommender>();
        builder.Services.AddOptions<ImportOptions>()
            .BindConfiguration(ImportOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<InteractionImport>();
        builder.Services.AddScoped<MasteryService>();
        builder.Services.AddScoped<MasteryQueries>();
        builder.Services.AddScoped<MasteryRecompute>();
        builder.Services.AddOptions<MasteryOptions>()
            .BindConfiguration(MasteryOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<KnowledgeTracingMetrics>();
        // BKT is the baseline and the fallback; the knowledge-tracing module replaces this registration when a model is configured.
        builder.Services.AddSingleton<IKnowledgeTracer>(new BktTracer());
        builder.Services.AddScoped<SchoolClasses>();
        builder.Services.AddScoped<ClassAccess>();
        builder.Services.AddScoped<ClassDashboard>();
        builder.Services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<DemoDataSeeder>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<StudentData>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    public static string RequireConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set: put it in appsettings.json or the environment variable " +
                $"ConnectionStrings__{ConnectionStringName} (infra/db.sh start prints it).");
        }
        return connectionString;
    }
}
