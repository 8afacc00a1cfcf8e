using System.ComponentModel.DataAnnotations;

namespace TutorApp.Data.DataProtection;

/// <summary>Section "DataProtection" of appsettings.json.</summary>
public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    /// <summary>Isolates this app's payloads from other apps' on the same key ring; every replica must use the same name.</summary>
    [Required]
    public string ApplicationName { get; set; } = "TutorApp";

    /// <summary>Optional PKCS#12 file whose certificate encrypts the keys at rest in the database (without it they are
    /// protected only by the database's own access control).</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
