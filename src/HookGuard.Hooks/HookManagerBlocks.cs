using System.Text;

namespace HookGuard.Hooks;

/// <summary>
/// Hook managers (Husky, Husky.Net) point <c>core.hooksPath</c> at their own folder and run hook files their users
/// edit (<c>.husky/pre-commit</c>). HookGuard does not fight over that folder: it appends a delimited block to the
/// user's hook file, and removing the block gives back the file byte for byte.
/// </summary>
internal static class HookManagerBlocks
{
    // The first lines of a hook file HookGuard had to create; uninstall deletes such a file once only they are left.
    private const string CreatedFileHeader =
        "#!/bin/sh\n# hookguard-created-this-file: `hookguard uninstall` deletes it when only HookGuard's block is left\n";

    /// <summary>The hook manager owning <paramref name="hooksDirectory"/>, or null for an ordinary hooks directory.</summary>
    public static HookManager? Detect(string hooksDirectory)
    {
        var directory = Path.TrimEndingDirectorySeparator(hooksDirectory);
        var parent = Path.GetDirectoryName(directory);

        // Husky 9 sets core.hooksPath to .husky/_, whose generated scripts run .husky/<hook>.
        if (Path.GetFileName(directory) == "_" && parent is not null && Path.GetFileName(parent) == ".husky")
        {
            return new HookManager("Husky", parent);
        }

        // Husky 4-8 and Husky.Net set core.hooksPath to .husky itself and keep their helper in .husky/_/husky.sh.
        if (Path.GetFileName(directory) == ".husky" && File.Exists(Path.Combine(directory, "_", "husky.sh")))
        {
            var name = File.Exists(Path.Combine(directory, "task-runner.json")) ? "Husky.Net" : "Husky";
            return new HookManager(name, directory);
        }

        return null;
    }

    public static HookInstallOutcome Add(HookManager manager, HookKind hook)
    {
        var path = Path.Combine(manager.HookFilesDirectory, HookInstaller.HookName(hook));
        var block = "\n" + HookTemplates.Block(hook);
        var existing = HookFileSystem.ReadIfPresent(path);
        if (existing is null)
        {
            HookFileSystem.WriteScript(path, Encoding.UTF8.GetBytes(CreatedFileHeader + block));
            return new HookInstallOutcome(hook, path, HookInstallAction.Created, null);
        }

        var text = Encoding.UTF8.GetString(existing);
        var (start, end) = FindBlock(text, hook);
        if (start < 0)
        {
            HookFileSystem.Rewrite(path, [.. existing, .. Encoding.UTF8.GetBytes(block)]);
            return new HookInstallOutcome(hook, path, HookInstallAction.BlockAdded, null);
        }

        if (text[start..end] == block)
        {
            return new HookInstallOutcome(hook, path, HookInstallAction.Unchanged, null);
        }

        HookFileSystem.Rewrite(path, Encoding.UTF8.GetBytes(text[..start] + block + text[end..]));
        return new HookInstallOutcome(hook, path, HookInstallAction.Updated, null);
    }

    public static HookRemoveOutcome Remove(HookManager manager, HookKind hook)
    {
        var path = Path.Combine(manager.HookFilesDirectory, HookInstaller.HookName(hook));
        var existing = HookFileSystem.ReadIfPresent(path);
        if (existing is null)
        {
            return new HookRemoveOutcome(hook, path, HookRemoveAction.NotInstalled);
        }

        var text = Encoding.UTF8.GetString(existing);
        var (start, end) = FindBlock(text, hook);
        if (start < 0)
        {
            return new HookRemoveOutcome(hook, path, HookRemoveAction.NotOurs);
        }

        var rest = text[..start] + text[end..];
        if (rest == CreatedFileHeader)
        {
            HookFileSystem.Delete(path);
        }
        else
        {
            HookFileSystem.Rewrite(path, Encoding.UTF8.GetBytes(rest));
        }

        return new HookRemoveOutcome(hook, path, HookRemoveAction.BlockRemoved);
    }

    public static HookState Inspect(HookManager manager, HookKind hook)
    {
        var path = Path.Combine(manager.HookFilesDirectory, HookInstaller.HookName(hook));
        var existing = HookFileSystem.ReadIfPresent(path);
        if (existing is null)
        {
            return new HookState(hook, path, HookStateKind.Missing, null);
        }

        var text = Encoding.UTF8.GetString(existing);
        var (start, end) = FindBlock(text, hook);
        return new HookState(hook, path,
            start < 0 ? HookStateKind.Foreign
            : text[start..end] == "\n" + HookTemplates.Block(hook) ? HookStateKind.Current
            : HookStateKind.Outdated,
            null);
    }

    /// <summary>
    /// Where our block is: from the newline HookGuard put before it to the end of its last line; (-1, -1) when absent.
    /// Any version's block counts, so an update replaces it rather than adding a second one.
    /// </summary>
    private static (int Start, int End) FindBlock(string text, HookKind hook)
    {
        var beginLine = $"# >>> hookguard {HookInstaller.HookName(hook)} >>>";
        var begin = text.StartsWith(beginLine, StringComparison.Ordinal) ? 0 : text.IndexOf("\n" + beginLine, StringComparison.Ordinal);
        if (begin < 0)
        {
            return (-1, -1);
        }

        var endLine = HookTemplates.BlockEnd(hook);
        var endAt = text.IndexOf("\n" + endLine, begin, StringComparison.Ordinal);
        if (endAt < 0)
        {
            // The end line was edited away by hand: what follows may be the user's, so touch nothing.
            return (-1, -1);
        }

        var end = endAt + 1 + endLine.Length;
        if (end < text.Length && text[end] == '\n')
        {
            end++;
        }

        return (begin, end);
    }
}
