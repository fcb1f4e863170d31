namespace PaySys.Scenarios.Engine;

/// <summary>
/// A step did not hold: the message says what was expected and what came back. The runner reports it as the
/// step's failure (never with a stack trace) and stops the file.
/// </summary>
public sealed class StepFailedException : Exception
{
    public StepFailedException()
    {
    }

    public StepFailedException(string message)
        : base(message)
    {
    }

    public StepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
