using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Classes;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;

namespace TutorApp.IntegrationTests.Classes;

/// <summary>A teacher sees only their own classes (pages, JSON API, CSV downloads); an admin sees every class.</summary>
public sealed class ClassAuthorizationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DemoAccount DemoTeacher = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Teacher);
    private static readonly DemoAccount Admin = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Admin);
    private static readonly DemoAccount DemoStudent = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Student);

    private static IEnumerable<string> PagesOf(int classId, string studentId) =>
    [
        $"/teacher/classes/{classId}",
        $"/teacher/classes/{classId}/students",
        $"/teacher/classes/{classId}/assignments",
        $"/teacher/classes/{classId}/skills/1",
        $"/teacher/classes/{classId}/students/{studentId}",
        $"/teacher/classes/{classId}/heatmap.csv",
        $"/teacher/classes/{classId}/students/{studentId}/history.csv",
    ];

    private static IEnumerable<string> ApiOf(int classId, string studentId) =>
    [
        $"/api/v1/classes/{classId}",
        $"/api/v1/classes/{classId}/heatmap",
        $"/api/v1/classes/{classId}/at-risk",
        $"/api/v1/classes/{classId}/skills/1",
        $"/api/v1/classes/{classId}/students/{studentId}",
        $"/api/v1/classes/{classId}/assignments",
    ];

    [Fact]
    public async Task A_teacher_gets_403_for_another_teachers_class_on_every_page_and_api_route_and_the_owner_and_an_admin_get_it()
    {
        var (otherClass, studentId) = await OtherTeachersClassAsync("Room 12 of another teacher");

        var teacher = app.NewClient();
        await AppFixture.LogInAsync(teacher, DemoTeacher.Email, DemoTeacher.Password);
        foreach (var path in PagesOf(otherClass.Id, studentId).Concat(ApiOf(otherClass.Id, studentId)))
        {
            var response = await teacher.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
            Assert.DoesNotContain("Room 12", body);
        }
        var page = await (await teacher.GetAsync($"/teacher/classes/{otherClass.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("Access denied (403)", page);

        // The same through a bearer token, and the class list leaves the other class out.
        var bearer = await ClassTestSupport.BearerClientAsync(app, DemoTeacher.Email, DemoTeacher.Password);
        foreach (var path in ApiOf(otherClass.Id, studentId))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await bearer.GetAsync(path)).StatusCode);
        }
        var list = await bearer.GetStringAsync("/api/v1/classes");
        Assert.Contains(DemoDataSeeder.DemoClassName, list);
        Assert.DoesNotContain("Room 12", list);

        var admin = app.NewClient();
        await AppFixture.LogInAsync(admin, Admin.Email, Admin.Password);
        foreach (var path in PagesOf(otherClass.Id, studentId).Concat(ApiOf(otherClass.Id, studentId)))
        {
            var response = await admin.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"admin {path}: {(int)response.StatusCode}");
        }
        var adminPage = await admin.GetStringAsync($"/teacher/classes/{otherClass.Id}");
        Assert.True(adminPage.Contains("Room 12"), adminPage);
    }

    [Fact]
    public async Task A_student_and_an_unknown_class_get_403_and_a_student_outside_the_class_is_not_reachable_through_it()
    {
        var (otherClass, studentId) = await OtherTeachersClassAsync("Room 14");

        var student = app.NewClient();
        await AppFixture.LogInAsync(student, DemoStudent.Email, DemoStudent.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await student.GetAsync($"/teacher/classes/{otherClass.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await student.GetAsync($"/api/v1/classes/{otherClass.Id}/heatmap")).StatusCode);

        var teacher = app.NewClient();
        await AppFixture.LogInAsync(teacher, DemoTeacher.Email, DemoTeacher.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync("/teacher/classes/999999")).StatusCode);
        // The demo teacher's own class does not open the other class's student.
        var ownClassId = await OwnClassIdAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync($"/teacher/classes/{ownClassId}/students/{studentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync($"/api/v1/classes/{ownClassId}/students/{studentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync($"/teacher/classes/{ownClassId}")).StatusCode);
    }

    private async Task<(ClassSummary Class, string StudentId)> OtherTeachersClassAsync(string name)
    {
        var otherTeacher = await ClassTestSupport.NewUserAsync(app.Factory.Services, Roles.Teacher, "Other Teacher");
        var student = await ClassTestSupport.NewUserAsync(app.Factory.Services, Roles.Student, "Other Student");
        using var scope = app.Factory.Services.CreateScope();
        var classes = scope.ServiceProvider.GetRequiredService<SchoolClasses>();
        var created = await classes.CreateAsync(otherTeacher.Id, name);
        await classes.JoinAsync(student.Id, created.JoinCode);
        return (created, student.Id);
    }

    private async Task<int> OwnClassIdAsync()
    {
        using var scope = app.Factory.Services.CreateScope();
        var classes = await scope.ServiceProvider.GetRequiredService<SchoolClasses>().ListAsync(new ClassViewer("", IsAdmin: true));
        return classes.Single(c => c.Name == DemoDataSeeder.DemoClassName).Id;
    }
}
