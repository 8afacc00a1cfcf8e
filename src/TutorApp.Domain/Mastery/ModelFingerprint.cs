using System.Security.Cryptography;
using System.Text;

namespace TutorApp.Domain.Mastery;

/// <summary>The 8 hex digits after "@" in a tracer's name: the start of the sha256 of what defines the model.</summary>
public static class ModelFingerprint
{
    public static string Of(string definition) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(definition)))[..8];
}
