namespace TutorApp.Tutoring.Simulation;

/// <summary>Seeds derived from the run's seed, the problem's key and the student's number: the same whatever the order of running.</summary>
public static class Seeds
{
    public static int For(int seed, string problemKey, int student, int purpose)
    {
        // FNV-1a over the key, then SplitMix64 finalisation: stable across processes (string.GetHashCode is not).
        var hash = 14695981039346656037UL;
        foreach (var c in problemKey)
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
