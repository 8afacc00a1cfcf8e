namespace TutorApp.KnowledgeTracing.Onnx;

/// <summary>Where a session runs. CUDA needs ORT's GPU provider libraries beside the main library.</summary>
public enum ExecutionProvider
{
    Cpu,
    Cuda,
}

/// <summary>Values of GraphOptimizationLevel in the C API.</summary>
public enum GraphOptimization
{
    None = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}

public sealed record OnnxSessionSettings
{
    /// <summary>Threads inside one operator; 0 lets ORT choose (one per core). Small models gain little from more.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Threads across independent operators (used only with <see cref="ParallelExecution"/>).</summary>
    public int InterOpThreads { get; init; } = 1;

    public bool ParallelExecution { get; init; }

    public GraphOptimization Optimization { get; init; } = GraphOptimization.All;

    public bool CpuMemoryArena { get; init; } = true;

    public ExecutionProvider Provider { get; init; } = ExecutionProvider.Cpu;

    public int CudaDeviceId { get; init; }
}
