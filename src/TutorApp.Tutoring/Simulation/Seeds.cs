namespace TutorApp.Tutoring.Simulation;

/// <summary>
/// Seeds derived from a seed, a key (a problem's key; for the hint validator the problem, step and student's work), a
/// student's number and a purpose: the same whatever the order of running.
/// </summary>
public static class Seeds
{
    public static int For(int seed, string key, int student, int purpose)
    {
        // FNV-1a over the key, then SplitMix64 finalisation: stable across processes (string.GetHashCode is not).
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        var x = hash ^ ((ulong)(uint)seed << 32) ^ ((ulong)(uint)student << 8) ^ (uint)purpose;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (int)(x & 0x7FFFFFFF);
    }
}
