using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using TutorApp.Data.Identity;
using TutorApp.Web.Classes;

namespace TutorApp.UnitTests;

/// <summary>No page may be reachable by accident: each one states who may open it.</summary>
public sealed class PageAuthorizationTests
{
    private static readonly IReadOnlyList<Type> Pages = typeof(Program).Assembly.GetTypes()
        .Where(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Length > 0)
        .ToList();

    // Login, error pages and "/" (which only redirects) are the whole anonymous surface.
    private static readonly HashSet<string> AnonymousPages = ["Login", "ErrorStatus", "NotFound", "Home"];

    [Fact]
    public void Every_page_requires_a_role_unless_it_is_on_the_short_anonymous_list()
    {
        Assert.NotEmpty(Pages);
        foreach (var page in Pages)
        {
            var anonymous = page.GetCustomAttributes(typeof(AllowAnonymousAttribute), inherit: true).Length > 0;
            // A class page's policy names its roles itself (teachers and admins) and adds the class's ownership.
            var roles = page.GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Cast<AuthorizeAttribute>()
                .Select(a => a.Policy == ClassAuthorization.ClassPagePolicy ? ClassAuthorization.TeacherOrAdmin : a.Roles).ToList();

            if (AnonymousPages.Contains(page.Name))
            {
                Assert.True(anonymous, $"{page.Name} is expected to be anonymous.");
                continue;
            }
            Assert.False(anonymous, $"{page.Name} allows anonymous access but is not on the anonymous list.");
            Assert.True(roles.Count > 0 && roles.All(r => !string.IsNullOrEmpty(r)), $"{page.Name} does not name the roles that may open it.");
        }
    }

    [Theory]
    [InlineData("Student", "StudentHome", "TutoringSessionPage")]
    [InlineData(ClassAuthorization.TeacherOrAdmin, "TeacherHome")]
    [InlineData("Admin", "AdminHome", "AdminSkills", "AdminKnowledgeTracing", "ProblemEditor", "ProblemPreview", "AdminLlm", "ImportReviewPage")]
    public void Role_areas_admit_only_their_role(string role, params string[] pageNames)
    {
        foreach (var name in pageNames)
        {
            var page = Pages.Single(p => p.Name == name);
            var roles = page.GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Cast<AuthorizeAttribute>().Single().Roles;
            Assert.Equal(role, roles);
            Assert.All(roles!.Split(','), r => Assert.Contains(r, Roles.All));
        }
    }

    [Fact]
    public void Every_page_of_one_class_is_behind_the_class_policy()
    {
        var classPages = Pages.Where(p => p.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>()
            .Any(r => r.Template.StartsWith("/teacher/classes/", StringComparison.Ordinal))).ToList();

        Assert.Equal(5, classPages.Count);
        Assert.All(classPages, page => Assert.Equal(ClassAuthorization.ClassPagePolicy,
            page.GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Cast<AuthorizeAttribute>().Single().Policy));
    }
}
