namespace TutorApp.Data.DataProtection;

/// <summary>One data-protection key as the key manager wrote it (an XML element), stored for every replica to read.</summary>
public sealed class StoredDataProtectionKey
{
    public long Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
