namespace HookGuard.Detectors;

/// <summary>Bad input from the user: unknown rule, bad option value, invalid config. Exit code 2.</summary>
public sealed class HookGuardUsageException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}

/// <summary>The environment cannot be used: not a git repository, unreadable object, I/O. Exit code 3.</summary>
public sealed class HookGuardEnvironmentException : Exception
{
    public HookGuardEnvironmentException(string message, string? hint = null) : base(message) => Hint = hint;

    public HookGuardEnvironmentException(string message, Exception inner, string? hint = null) : base(message, inner) => Hint = hint;

    public string? Hint { get; }
}
