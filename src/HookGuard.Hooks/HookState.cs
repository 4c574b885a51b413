namespace HookGuard.Hooks;

/// <summary>What git will run for one hook.</summary>
/// <param name="Hook">Which hook.</param>
/// <param name="ScriptPath">The full path of the script git runs for this hook (it may not exist).</param>
/// <param name="Exists">Whether a file is there.</param>
/// <param name="IsOurs">Whether that file carries the HookGuard marker line.</param>
/// <param name="IsCurrent">Whether that file is exactly the template this version installs, and executable (git skips a hook that is not).</param>
public sealed record HookState(HookKind Hook, string ScriptPath, bool Exists, bool IsOurs, bool IsCurrent);
