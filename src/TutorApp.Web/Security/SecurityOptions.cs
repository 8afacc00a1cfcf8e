using System.ComponentModel.DataAnnotations;

namespace TutorApp.Web.Security;

/// <summary>Section "Security" of appsettings.json.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Sign-in attempts (login form posts and API token requests together) allowed per client address per minute.
    /// Generous on purpose: a whole class often shares one school address; the per-account lockout stops guessing.
    /// </summary>
    [Range(1, 100_000)]
    public int SignInAttemptsPerMinutePerAddress { get; set; } = 60;
}
