namespace TutorApp.Domain.Mastery;

/// <param name="MaxIterations">EM iterations per skill at most.</param>
/// <param name="Tolerance">Stop when the log-likelihood improves by less than this (per attempt).</param>
/// <param name="MinAttempts">Skills with fewer attempts keep <see cref="BktParameters.Default"/>: too little data to fit.</param>
/// <param name="MaxGuess">Upper bound on P(G); above about 0.3 BKT's "known" state stops meaning mastery (model degeneracy).</param>
/// <param name="MaxSlip">Upper bound on P(S), for the same reason.</param>
public sealed record BktFitOptions(int MaxIterations = 200, double Tolerance = 1e-7, int MinAttempts = 10, double MaxGuess = 0.3, double MaxSlip = 0.3)
{
    public static readonly BktFitOptions Default = new();
}

/// <summary>The fitted parameters of one skill and how the fit went.</summary>
public sealed record BktFit(BktParameters Parameters, double LogLikelihood, int Iterations, int Attempts, bool Fitted);

/// <summary>
/// Fits BKT per skill by expectation-maximisation (Baum-Welch on the two-state HMM: unknown -> known with P(T), no
/// forgetting; P(L0) at the first attempt; emissions 1 - P(S) when known and P(G) when not). Each student's attempts on
/// one skill, in time order, form one observation sequence; other skills' attempts do not enter.
/// </summary>
public static class BktFitter
{
    private const double Floor = 1e-4;

    /// <summary>Fits every skill that occurs in <paramref name="histories"/> (one history per student, oldest first).</summary>
    public static IReadOnlyDictionary<int, BktFit> Fit(IEnumerable<IReadOnlyList<SkillAttempt>> histories, BktFitOptions? options = null)
    {
        var bySkill = new Dictionary<int, List<bool[]>>();
        foreach (var history in histories)
        {
            foreach (var group in history.GroupBy(a => a.SkillId))
            {
                if (!bySkill.TryGetValue(group.Key, out var list))
                {
                    bySkill[group.Key] = list = [];
                }
                list.Add(group.Select(a => a.Correct).ToArray());
            }
        }
        return bySkill.ToDictionary(kv => kv.Key, kv => FitSkill(kv.Value, options));
    }

    /// <summary>Fits one skill from its observation sequences (each one student's right/wrong answers in order).</summary>
    public static BktFit FitSkill(IReadOnlyList<IReadOnlyList<bool>> sequences, BktFitOptions? options = null)
    {
        options ??= BktFitOptions.Default;
        var attempts = sequences.Sum(s => s.Count);
        if (attempts < options.MinAttempts)
        {
            return new BktFit(BktParameters.Default, double.NaN, 0, attempts, Fitted: false);
        }

        var p = Clamp(BktParameters.Default, options);
        var previous = double.NegativeInfinity;
        var iterations = 0;
        double logLikelihood = 0;
        var maxLength = sequences.Max(s => s.Count);
        var alpha = new double[maxLength, 2];
        var beta = new double[maxLength, 2];
        var scale = new double[maxLength];
        for (; iterations < options.MaxIterations; iterations++)
        {
            // Expected counts gathered over all sequences (the E step).
            double firstKnown = 0, learnNumerator = 0, unknownBeforeLast = 0, knownWrong = 0, known = 0, unknownRight = 0, unknown = 0;
            logLikelihood = 0;
            foreach (var seq in sequences)
            {
                var n = seq.Count;
                if (n == 0)
                {
                    continue;
                }
                logLikelihood += Forward(seq, p, alpha, scale);
                Backward(seq, p, beta, scale);
                for (var t = 0; t < n; t++)
                {
                    var gammaKnown = alpha[t, 1] * beta[t, 1];
                    var gammaUnknown = alpha[t, 0] * beta[t, 0];
                    var norm = gammaKnown + gammaUnknown;
                    gammaKnown /= norm;
                    gammaUnknown /= norm;
                    if (t == 0)
                    {
                        firstKnown += gammaKnown;
                    }
                    known += gammaKnown;
                    unknown += gammaUnknown;
                    if (seq[t])
                    {
                        unknownRight += gammaUnknown;
                    }
                    else
                    {
                        knownWrong += gammaKnown;
                    }
                    if (t < n - 1)
                    {
                        // xi(unknown at t -> known at t+1), with the scaled forward/backward variables.
                        var xi = alpha[t, 0] * p.Learn * Emission(seq[t + 1], true, p) * beta[t + 1, 1] / scale[t + 1];
                        learnNumerator += xi / norm;
                        unknownBeforeLast += gammaUnknown;
                    }
                }
            }

            var nonEmpty = sequences.Count(s => s.Count > 0);
            p = Clamp(new BktParameters(
                Initial: firstKnown / nonEmpty,
                Learn: unknownBeforeLast > 0 ? learnNumerator / unknownBeforeLast : p.Learn,
                Slip: known > 0 ? knownWrong / known : p.Slip,
                Guess: unknown > 0 ? unknownRight / unknown : p.Guess), options);

            if (logLikelihood - previous < options.Tolerance * attempts)
            {
                iterations++;
                break;
            }
            previous = logLikelihood;
        }
        return new BktFit(p, logLikelihood, iterations, attempts, Fitted: true);
    }

    /// <summary>Log-likelihood of <paramref name="sequences"/> under <paramref name="p"/> (for tests and model comparison).</summary>
    public static double LogLikelihood(IReadOnlyList<IReadOnlyList<bool>> sequences, BktParameters p)
    {
        var maxLength = Math.Max(1, sequences.Max(s => s.Count));
        var alpha = new double[maxLength, 2];
        var scale = new double[maxLength];
        return sequences.Where(s => s.Count > 0).Sum(s => Forward(s, p, alpha, scale));
    }

    private static double Emission(bool correct, bool known, BktParameters p) =>
        known ? (correct ? 1 - p.Slip : p.Slip) : (correct ? p.Guess : 1 - p.Guess);

    /// <summary>Scaled forward pass; alpha[t] = P(state at t | y_1..t); returns log P(y_1..n).</summary>
    private static double Forward(IReadOnlyList<bool> seq, BktParameters p, double[,] alpha, double[] scale)
    {
        double logLikelihood = 0;
        double priorKnown = p.Initial;
        for (var t = 0; t < seq.Count; t++)
        {
            var k = priorKnown * Emission(seq[t], true, p);
            var u = (1 - priorKnown) * Emission(seq[t], false, p);
            scale[t] = k + u;
            alpha[t, 1] = k / scale[t];
            alpha[t, 0] = u / scale[t];
            logLikelihood += Math.Log(scale[t]);
            priorKnown = alpha[t, 1] + alpha[t, 0] * p.Learn;
        }
        return logLikelihood;
    }

    /// <summary>Scaled backward pass matching <see cref="Forward"/>'s scaling, so alpha * beta is the posterior.</summary>
    private static void Backward(IReadOnlyList<bool> seq, BktParameters p, double[,] beta, double[] scale)
    {
        var n = seq.Count;
        beta[n - 1, 0] = beta[n - 1, 1] = 1;
        for (var t = n - 2; t >= 0; t--)
        {
            var nextKnown = Emission(seq[t + 1], true, p) * beta[t + 1, 1];
            var nextUnknown = Emission(seq[t + 1], false, p) * beta[t + 1, 0];
            beta[t, 1] = nextKnown / scale[t + 1];
            beta[t, 0] = ((1 - p.Learn) * nextUnknown + p.Learn * nextKnown) / scale[t + 1];
        }
    }

    private static BktParameters Clamp(BktParameters p, BktFitOptions options) => new(
        Math.Clamp(p.Initial, Floor, 1 - Floor),
        Math.Clamp(p.Learn, Floor, 1 - Floor),
        Math.Clamp(p.Slip, Floor, options.MaxSlip),
        Math.Clamp(p.Guess, Floor, options.MaxGuess));
}
