using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TutorApp.TestSupport;

namespace TutorApp.E2ETests;

/// <summary>
/// One app on a real Kestrel socket (Development, so the demo accounts exist), on a database of its own,
/// and one headless Debian Chromium, shared by the end-to-end tests; each test gets a fresh browser context.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly TestDatabase _database = new();
    private TutorAppFactory? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = default!;
    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run infra/setup.sh (it installs Debian's chromium).");
        }
        await _database.InitializeAsync();
        _app = new TutorAppFactory(_database.ConnectionString);
        BaseAddress = _app.StartKestrel();

        // Expectations wait as long as actions do: a busy CI machine can take more than the default 5 s to re-render.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the networking switches Chromium keeps trying to reach Google's services from a closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh context on this fixture's app, or on another app started by a test (one with other settings).</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri? baseAddress = null) =>
        await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = (baseAddress ?? BaseAddress).ToString() });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        await _database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
