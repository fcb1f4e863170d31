using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Engine.Steps;

/// <summary>Runs one kind of step; throws <see cref="StepFailedException"/> when the step does not hold.</summary>
public interface IStepExecutor
{
    Type StepType { get; }

    /// <summary>A one-line title for the report, before the step runs.</summary>
    string Title(Step step);

    Task RunAsync(Step step, ScenarioSession session, StepLog log);
}

/// <summary>Types the step once for the executors.</summary>
public abstract class StepExecutor<TStep> : IStepExecutor
    where TStep : Step
{
    public Type StepType => typeof(TStep);

    public string Title(Step step) => step.Name ?? Describe((TStep)step);

    public Task RunAsync(Step step, ScenarioSession session, StepLog log) => RunAsync((TStep)step, session, log);

    protected abstract string Describe(TStep step);

    protected abstract Task RunAsync(TStep step, ScenarioSession session, StepLog log);
}
