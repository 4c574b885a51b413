namespace HookGuard.Hooks;

/// <summary>What git will run for one hook, as far as HookGuard is concerned.</summary>
public enum HookStateKind
{
    /// <summary>Nothing is there: git runs no hook.</summary>
    Missing,

    /// <summary>A hook that is not HookGuard's and has no HookGuard block: HookGuard does not run.</summary>
    Foreign,

    /// <summary>HookGuard's script without its execute bit: git skips it.</summary>
    NotExecutable,

    /// <summary>HookGuard's script or block from another version: it runs, but `hookguard install` would update it.</summary>
    Outdated,

    /// <summary>HookGuard's current script or block.</summary>
    Current,
}

/// <summary>What git will run for one hook.</summary>
/// <param name="Hook">Which hook.</param>
/// <param name="ScriptPath">The file concerned: the script git runs, or the hook manager's file that would hold our block.</param>
/// <param name="Kind">What is there.</param>
/// <param name="ChainedPath">A hook our script runs first (kept beside it), when there is one.</param>
public sealed record HookState(HookKind Hook, string ScriptPath, HookStateKind Kind, string? ChainedPath)
{
    /// <summary>Whether git will run HookGuard for this hook.</summary>
    public bool IsProtected => Kind is HookStateKind.Current or HookStateKind.Outdated;
}

/// <summary>A hook manager that owns the hooks directory; HookGuard adds a block to its hook files instead of replacing them.</summary>
/// <param name="Name"><c>Husky</c> or <c>Husky.Net</c>.</param>
/// <param name="HookFilesDirectory">Where the manager keeps the hook files its users edit (<c>.husky</c>).</param>
public sealed record HookManager(string Name, string HookFilesDirectory);

/// <summary>Everything <c>hookguard status</c> reports about a repository.</summary>
/// <param name="WorkTree">The top of the work tree, where git runs hooks.</param>
/// <param name="HooksDirectory">The hooks directory git uses.</param>
/// <param name="HooksPathSetting">The core.hooksPath setting behind it, with its scope and origin; null when git uses the default.</param>
/// <param name="Manager">The hook manager owning the hooks directory, if any.</param>
/// <param name="Hooks">One state per hook.</param>
/// <param name="Warnings">Things that silently change what runs (a local core.hooksPath hiding the global one, say).</param>
public sealed record ProtectionStatus(
    string WorkTree, string HooksDirectory, GitConfigEntry? HooksPathSetting, HookManager? Manager, IReadOnlyList<HookState> Hooks, IReadOnlyList<string> Warnings)
{
    public bool IsProtected => Hooks.All(hook => hook.IsProtected);
}
