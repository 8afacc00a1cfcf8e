using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Identity;

namespace TutorApp.IntegrationTests.Classes;

internal static class ClassTestSupport
{
    public const string Password = "Class-test-pass-1";

    public static async Task<ApplicationUser> NewUserAsync(IServiceProvider services, string role, string name)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{Guid.NewGuid():N}@classes.test";
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    /// <summary>A client carrying a bearer token from the token endpoint, as an integration would use the API.</summary>
    public static async Task<HttpClient> BearerClientAsync(AppFixture app, string email, string password)
    {
        var client = app.NewClient();
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}
