using TutorApp.Web.Hosting;

var builder = WebApplication.CreateBuilder(TutorWebHost.Options(args));
builder.AddTutorWeb();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseTutorWeb();
await app.RunAsync();

/// <summary>Entry point, public so the test projects' WebApplicationFactory can start the app.</summary>
public partial class Program;
