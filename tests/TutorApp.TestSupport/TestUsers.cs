using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using Xunit;

namespace TutorApp.TestSupport;

/// <summary>Accounts of a test's own (so tests never share data or lock each other out), and clients signed in as them.</summary>
public static class TestUsers
{
    public const string Password = "Test-user-pass-1";

    public static async Task<(DemoAccount Account, string Id)> CreateAsync(IServiceProvider services, string role, string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@users.test";
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return (new DemoAccount(email, Password, role, name), user.Id);
    }

    /// <summary>A client carrying a bearer token from POST /api/v1/auth/token.</summary>
    public static async Task<HttpClient> TokenClientAsync(WebApplicationFactory<Program> app, string email, string password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
