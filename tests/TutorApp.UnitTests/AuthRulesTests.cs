using TutorApp.Data.Identity;
using TutorApp.Web.Auth;

namespace TutorApp.UnitTests;

public sealed class AuthRulesTests
{
    [Theory]
    [InlineData("/student", true)]
    [InlineData("/", true)]
    [InlineData("/admin/problems/new?x=1", true)]
    [InlineData("//evil.example/path", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example", false)]
    [InlineData("student", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_local_paths_are_followed_after_login(string? url, bool local)
    {
        Assert.Equal(local, AuthExtensions.IsLocalPath(url));
    }

    [Fact]
    public void Users_land_on_the_home_of_their_most_privileged_role()
    {
        Assert.Equal("/admin", AuthExtensions.HomePathFor([Roles.Teacher, Roles.Admin]));
        Assert.Equal("/teacher", AuthExtensions.HomePathFor([Roles.Student, Roles.Teacher]));
        Assert.Equal("/student", AuthExtensions.HomePathFor([Roles.Student]));
        Assert.Equal("/", AuthExtensions.HomePathFor([]));
    }
}
