using System.Text;
using HookGuard.Detectors.RegexSource;

// Usage: RULES_DIRECTORY OUTPUT_FILE (HookGuard.Detectors.csproj runs it; see RegexSourceWriter).
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: HookGuard.Detectors.RegexSource RULES_DIRECTORY OUTPUT_FILE");
    return 2;
}

var (rulesDirectory, outputFile) = (args[0], args[1]);
var files = new List<(string FileName, string Json)>();
foreach (var path in Directory.GetFiles(rulesDirectory, "*.json"))
{
    files.Add((Path.GetFileName(path), File.ReadAllText(path)));
}

IReadOnlyList<string> patterns;
try
{
    patterns = RegexSourceWriter.ReadPatterns(files);
}
catch (RuleFileException e)
{
    // The canonical "file(line,column): error CODE: text" form, so MSBuild reports it as a build error at the file.
    Console.Error.WriteLine($"{Path.Combine(rulesDirectory, e.FileName)}({e.Line},{e.Column}): error HG0002: {e.Message}");
    return 1;
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFile))!);
// Written even when unchanged: the build compares its time with the rule files' to decide whether to run this again.
File.WriteAllText(outputFile, RegexSourceWriter.Write(patterns), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
return 0;
