using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Content;
using TutorApp.TestSupport;

namespace TutorApp.IntegrationTests;

/// <summary>An app host outside Development (no demo data), so the bank starts empty.</summary>
public sealed class ContentFixture : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private TutorAppFactory? _factory;

    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _factory = new TutorAppFactory(_database.ConnectionString, environment: "Testing");
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await _database.DisposeAsync();
    }

    public T Get<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public async Task<(int Problems, int Skills)> CountsAsync()
    {
        using var scope = Services.CreateScope();
        var exported = await Get<BankExporter>(scope).ExportAsync();
        return (exported.Problems.Count, exported.Skills.Count);
    }
}
