using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace TutorApp.Web.Security;

/// <summary>
/// A per-address limit on sign-in attempts (the login form and the API token endpoint), on top of the per-account
/// lockout: the lockout stops guessing one account's password, this stops one address trying many accounts.
/// Only posts count, so reloading the login page never locks anyone out.
/// </summary>
public static class SignInRateLimiting
{
    public const string Policy = "sign-in";

    public static WebApplicationBuilder AddSignInRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>()
            .BindConfiguration(SecurityOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                // The API answers with problem details; the login page gets the status page (UseStatusCodePages) that says why.
                return context.HttpContext.Request.Path.StartsWithSegments("/api")
                    ? new ValueTask(Results.Problem("Too many sign-in attempts from your address. Wait a minute, then try again.",
                        statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext))
                    : ValueTask.CompletedTask;
            };
            limiter.AddPolicy(Policy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("not a sign-in attempt");
                }
                var perMinute = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.SignInAttemptsPerMinutePerAddress;
                return RateLimitPartition.GetSlidingWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ =>
                    new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        SegmentsPerWindow = 6,
                        QueueLimit = 0,
                    });
            });
        });
        return builder;
    }
}
