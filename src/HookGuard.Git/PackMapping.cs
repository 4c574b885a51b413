using System.Reflection;
using System.Runtime.InteropServices;
using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>
/// How much of the repository's pack files libgit2 keeps mapped into memory, set through <c>git_libgit2_opts</c>, which
/// LibGit2Sharp does not expose.
/// </summary>
/// <remarks>
/// libgit2 maps pack files in windows of up to 1 GB and keeps up to 8 GB mapped (on 64-bit), so a history scan that
/// reads every commit ends with the whole pack resident: 84 MB of RSS on a 20,000-commit history, more than everything
/// else the scan holds. git itself does the same (core.packedGitWindowSize and core.packedGitLimit); a long scan need
/// not. The pages are the file's page cache, so mapping a window again costs page-table work, not reading.
/// <c>git_libgit2_opts</c> is variadic: its value is passed as the one argument after the option, except on Apple's
/// arm64, where variadic arguments go on the stack, after the eight argument registers (hence the padding).
/// </remarks>
internal static unsafe class PackMapping
{
    // From libgit2's git_libgit2_opt_t.
    private const int GetWindowSize = 0;
    private const int SetWindowSize = 1;
    private const int GetMappedLimit = 2;
    private const int SetMappedLimit = 3;

    private static readonly Lazy<nint> Options = new(FindOptions);

    /// <summary>Windows of <paramref name="windowBytes"/>, at most <paramref name="mappedBytes"/> mapped at once; false when libgit2 could not be asked.</summary>
    public static bool TryLimit(nuint windowBytes, nuint mappedBytes) =>
        TrySet(SetWindowSize, windowBytes) && TrySet(SetMappedLimit, mappedBytes);

    /// <summary>The current settings, as libgit2 reports them; null when it could not be asked.</summary>
    public static (nuint WindowBytes, nuint MappedBytes)? Current() =>
        TryGet(GetWindowSize, out var window) && TryGet(GetMappedLimit, out var mapped) ? (window, mapped) : null;

    private static bool TrySet(int option, nuint value)
    {
        var options = Options.Value;
        if (options == 0)
        {
            return false;
        }

        return (IsAppleArm64
            ? ((delegate* unmanaged[Cdecl]<int, nint, nint, nint, nint, nint, nint, nint, nuint, int>)options)(option, 0, 0, 0, 0, 0, 0, 0, value)
            : ((delegate* unmanaged[Cdecl]<int, nuint, int>)options)(option, value)) == 0;
    }

    private static bool TryGet(int option, out nuint value)
    {
        value = 0;
        var options = Options.Value;
        if (options == 0)
        {
            return false;
        }

        fixed (nuint* result = &value)
        {
            return (IsAppleArm64
                ? ((delegate* unmanaged[Cdecl]<int, nint, nint, nint, nint, nint, nint, nint, nuint*, int>)options)(option, 0, 0, 0, 0, 0, 0, 0, result)
                : ((delegate* unmanaged[Cdecl]<int, nuint*, int>)options)(option, result)) == 0;
        }
    }

    private static bool IsAppleArm64 => OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    /// <summary>
    /// git_libgit2_opts from the libgit2 LibGit2Sharp loaded. Its file is named after the libgit2 commit it was built
    /// from (git2-5853918), so the name is taken from LibGit2Sharp rather than written here; 0 when it cannot be found,
    /// and then nothing is limited.
    /// </summary>
    private static nint FindOptions()
    {
        try
        {
            var name = "git2-" + GlobalSettings.Version.LibGit2CommitSha[..7];
            return NativeLibrary.TryLoad(name, typeof(Repository).Assembly, null, out var library)
                && NativeLibrary.TryGetExport(library, "git_libgit2_opts", out var export)
                    ? export
                    : 0;
        }
        catch (Exception exception) when (exception is ArgumentException or DllNotFoundException)
        {
            return 0;
        }
    }
}
