namespace TutorApp.KnowledgeTracing.Evaluation;

/// <summary>AUC (pooled over all scored positions), accuracy at 0.5, RMSE and mean binary cross-entropy.</summary>
public sealed record BinaryMetrics(double Auc, double Acc, double Rmse, double Bce, int N)
{
    public static BinaryMetrics Compute(IReadOnlyList<double> p, IReadOnlyList<bool> y)
    {
        var n = p.Count;
        if (n == 0)
        {
            return new BinaryMetrics(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        }
        double correct = 0, squares = 0, bce = 0;
        for (var i = 0; i < n; i++)
        {
            correct += (p[i] >= 0.5) == y[i] ? 1 : 0;
            squares += (p[i] - (y[i] ? 1 : 0)) * (p[i] - (y[i] ? 1 : 0));
            var pc = Math.Clamp(p[i], 1e-7, 1 - 1e-7);
            bce -= y[i] ? Math.Log(pc) : Math.Log(1 - pc);
        }
        return new BinaryMetrics(RocAuc(p, y), correct / n, Math.Sqrt(squares / n), bce / n, n);
    }

    /// <summary>Mann-Whitney form of the ROC AUC with tied scores counted half: the value sklearn's roc_auc_score gives.</summary>
    public static double RocAuc(IReadOnlyList<double> p, IReadOnlyList<bool> y)
    {
        var order = Enumerable.Range(0, p.Count).OrderBy(i => p[i]).ToArray();
        double positives = y.Count(v => v), negatives = y.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }
        double rankSum = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && p[order[j + 1]] == p[order[i]])
            {
                j++;
            }
            var averageRank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
            {
                if (y[order[k]])
                {
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
