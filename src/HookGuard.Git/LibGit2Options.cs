using System.Reflection;
using System.Runtime.InteropServices;
using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>
/// libgit2 settings that LibGit2Sharp does not expose, set through <c>git_libgit2_opts</c>: how much of the pack files
/// stays mapped, and whether blobs are cached.
/// </summary>
/// <remarks>
/// <para>
/// Pack mapping: libgit2 maps pack files in windows of up to 1 GB and keeps up to 8 GB mapped (on 64-bit), so a history
/// scan that reads every commit ends with the whole pack resident: 84 MB of RSS on a 20,000-commit history, more than
/// everything else the scan holds. git itself does the same (core.packedGitWindowSize and core.packedGitLimit); a long
/// scan need not. The pages are the file's page cache, so mapping a window again costs page-table work, not reading.
/// </para>
/// <para>
/// Blob cache: libgit2 caches commits and trees but by default no blob, and LibGit2Sharp looks an object up again for
/// each thing asked of it, so reading one blob's content inflated it three times (seen with strace; zlib was a quarter
/// of a large commit's CPU). With blobs in it, the cache's bound (256 MB by default) is lowered, so that a huge staged
/// change cannot fill memory with blobs already read.
/// </para>
/// <para>
/// <c>git_libgit2_opts</c> is variadic: its values are passed as the arguments after the option, except on Apple's
/// arm64, where variadic arguments go on the stack, eight bytes each, after the eight argument registers (hence the
/// padding, and the object type passed as a full register).
/// </para>
/// </remarks>
internal static unsafe class LibGit2Options
{
    // From libgit2's git_libgit2_opt_t and git_object_t.
    private const int GetWindowSize = 0;
    private const int SetWindowSize = 1;
    private const int GetMappedLimit = 2;
    private const int SetMappedLimit = 3;
    private const int SetCacheObjectLimit = 6;
    private const int SetCacheMaxSize = 7;
    private const int GetCachedMemory = 9;
    private const int BlobType = 3;

    private static readonly Lazy<nint> Options = new(FindOptions);

    /// <summary>Windows of <paramref name="windowBytes"/>, at most <paramref name="mappedBytes"/> mapped at once; false when libgit2 could not be asked.</summary>
    public static bool TryLimitPackMapping(nuint windowBytes, nuint mappedBytes) =>
        TrySet(SetWindowSize, windowBytes) && TrySet(SetMappedLimit, mappedBytes);

    /// <summary>The pack mapping settings, as libgit2 reports them; null when it could not be asked.</summary>
    public static (nuint WindowBytes, nuint MappedBytes)? PackMapping() =>
        TryGet(GetWindowSize, out var window) && TryGet(GetMappedLimit, out var mapped) ? (window, mapped) : null;

    /// <summary>Blobs up to <paramref name="bytes"/> kept in libgit2's object cache (when caching is on); false when libgit2 could not be asked.</summary>
    public static bool TryCacheBlobs(nuint bytes)
    {
        var options = Options.Value;
        return options != 0 && (IsAppleArm64
            ? ((delegate* unmanaged[Cdecl]<int, nint, nint, nint, nint, nint, nint, nint, nint, nuint, int>)options)(SetCacheObjectLimit, 0, 0, 0, 0, 0, 0, 0, BlobType, bytes)
            : ((delegate* unmanaged[Cdecl]<int, int, nuint, int>)options)(SetCacheObjectLimit, BlobType, bytes)) == 0;
    }

    /// <summary>At most <paramref name="bytes"/> in libgit2's object caches, all repositories together; false when libgit2 could not be asked.</summary>
    public static bool TryLimitCache(nint bytes) => TrySet(SetCacheMaxSize, (nuint)bytes);

    /// <summary>Bytes libgit2 holds in its object caches now, and the most it may; null when it could not be asked.</summary>
    public static (long Current, long Allowed)? Cache()
    {
        var options = Options.Value;
        if (options == 0)
        {
            return null;
        }

        nint current = 0;
        nint allowed = 0;
        return (IsAppleArm64
            ? ((delegate* unmanaged[Cdecl]<int, nint, nint, nint, nint, nint, nint, nint, nint*, nint*, int>)options)(GetCachedMemory, 0, 0, 0, 0, 0, 0, 0, &current, &allowed)
            : ((delegate* unmanaged[Cdecl]<int, nint*, nint*, int>)options)(GetCachedMemory, &current, &allowed)) == 0 ? (current, allowed) : null;
    }

    /// <summary>An option of one size_t (or ssize_t: same size, passed alike) value.</summary>
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

    private static bool TryLoadBesideProgram(string name, out nint library)
    {
        var file = OperatingSystem.IsWindows() ? name + ".dll" : OperatingSystem.IsMacOS() ? "lib" + name + ".dylib" : "lib" + name + ".so";
        var path = Path.Combine(AppContext.BaseDirectory, file);
        library = 0;
        return File.Exists(path) && NativeLibrary.TryLoad(path, out library);
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
            // The file beside the program first, where the tool packages put it: finding it by name alone tries ~30
            // system folders before that one. The name lookup stays for other layouts (runtimes/RID/native).
            return (TryLoadBesideProgram(name, out var library) || NativeLibrary.TryLoad(name, typeof(Repository).Assembly, null, out library))
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
