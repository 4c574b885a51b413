namespace HookGuard.Cli;

/// <summary>Process exit codes (contract; documented in README.md). Only the CLI decides them.</summary>
public static class ExitCodes
{
    /// <summary>Nothing found.</summary>
    public const int Clean = 0;

    /// <summary>Secrets found: the hook blocks the commit.</summary>
    public const int SecretsFound = 1;

    /// <summary>Usage or configuration error.</summary>
    public const int Usage = 2;

    /// <summary>Environment error: not a git repository, unreadable object, I/O.</summary>
    public const int Environment = 3;
}
