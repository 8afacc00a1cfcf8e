using System.Diagnostics;

namespace TutorApp.Cli.Evaluation;

/// <summary>A one-line progress bar, redrawn at most ten times a second; thread-safe.</summary>
public sealed class ProgressBar(TextWriter output, string label, int total)
{
    private const int Width = 30;
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawn = -1000;
    private int _done;

    public void Advance()
    {
        lock (_lock)
        {
            _done++;
            if (_clock.ElapsedMilliseconds - _lastDrawn >= 100 || _done == total)
            {
                Draw();
            }
        }
    }

    public void Finish()
    {
        lock (_lock)
        {
            Draw();
            output.WriteLine();
        }
    }

    private void Draw()
    {
        _lastDrawn = _clock.ElapsedMilliseconds;
        var filled = total == 0 ? Width : _done * Width / total;
        output.Write($"\r{label,-9} [{new string('#', filled)}{new string('.', Width - filled)}] {_done}/{total} sessions {_clock.Elapsed.TotalSeconds:0.0} s");
        output.Flush();
    }
}
