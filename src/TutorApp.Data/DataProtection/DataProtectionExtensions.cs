using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TutorApp.Data.DataProtection;

public static class DataProtectionExtensions
{
    // Shared by every TutorApp process: "TUTORDPK" read as ASCII.
    private const long KeyRingLockKey = 0x5455544f5244504b;

    /// <summary>
    /// Keys for cookies, bearer tokens and antiforgery tokens in PostgreSQL under one application name, so a request
    /// may land on any replica. Call after <c>AddTutorData</c>.
    /// </summary>
    public static IHostApplicationBuilder AddTutorDataProtection(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(DataProtectionSettings.Section).Get<DataProtectionSettings>() ?? new();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(settings.ApplicationName);
        if (!string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.CertificatePassword));
        }
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new DatabaseXmlRepository(
                services.GetRequiredService<IDbContextFactory<TutorDbContext>>(), services.GetRequiredService<TimeProvider>())));
        return builder;
    }

    /// <summary>
    /// Loads the key ring before the app serves, creating the first key when there is none. An advisory lock makes
    /// replicas that start together on an empty table wait for the first one's key instead of each making its own.
    /// </summary>
    public static async Task EnsureDataProtectionKeyAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var connectionString = DataServiceCollectionExtensions.RequireConnectionString(services.GetRequiredService<IConfiguration>());
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // No command timeout: waiting is the point, for as long as the first replica takes (host shutdown still cancels).
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({KeyRingLockKey})", connection) { CommandTimeout = 0 })
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            // Protecting anything loads the ring, and creates and stores a key when none is usable.
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("TutorApp.KeyRing").Protect([0]);
        }
        catch (Exception ex) when (ex.GetBaseException() is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable })
        {
            throw new InvalidOperationException(
                "The table data_protection_keys does not exist: apply the migrations first (tutor migrate, or Database:ApplyMigrationsOnStartup).", ex);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({KeyRingLockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
