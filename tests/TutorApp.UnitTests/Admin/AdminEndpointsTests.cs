using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Web.Components.Admin;

namespace TutorApp.UnitTests.Admin;

public sealed class AdminEndpointsTests
{
    [Fact]
    public async Task The_export_is_a_GET_that_only_admins_may_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddAuthorization();
        await using var app = builder.Build();

        app.MapAdminEndpoints();

        var endpoint = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == AdminEndpoints.ExportPath);
        Assert.Equal(["GET"], endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods);
        var roles = endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()
            .SelectMany(p => p.Requirements).OfType<RolesAuthorizationRequirement>().Single();
        Assert.Equal(["Admin"], roles.AllowedRoles);
    }
}
