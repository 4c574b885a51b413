using System.Text;
using HookGuard.Detectors.Catalog;

namespace HookGuard.Detectors.Remediation;

/// <summary>
/// Renders a rule's full remediation guide as plain text (what <c>hookguard explain</c> prints),
/// in the structure our users asked for: what it is, risks, revoke and rotate, misuse, what stops
/// working, and how to keep it out of code.
/// </summary>
public static class GuideRenderer
{
    private const int Width = 100;

    // Shown for every rule: why such tokens end up in code, and habits that keep them out.
    private static readonly string[] WhyTokensLeak =
    [
        "A token pasted into code \"just to try it\" gets committed with the rest of the change.",
        "Config files (.env, appsettings.json, terraform.tfvars, docker-compose.yml) are committed before anyone adds them to .gitignore.",
        "A commit that only ever lived on a laptop still leaks once the branch is pushed, forked, mirrored or shared as a patch.",
        "Removing the line in a later commit does not help: the token stays in history, in clones and in CI caches.",
    ];

    private static readonly string[] GeneralPractices =
    [
        "Read the token at run time (environment variable or secrets manager); never write it into source, config or tests.",
        "Keep .env and other local secret files in .gitignore, and give each environment and service its own token.",
        "Rotate on a schedule and whenever someone with access leaves, so a leak has a short life.",
    ];

    // The same first step for every rule: HookGuard usually stops a token before it exists anywhere but this machine.
    private const string DecideWhetherToRotate =
        "First decide whether you must rotate at all. HookGuard stopped this commit, so the token is not in your git history. " +
        "If it never left this machine (not pushed in another commit, pasted into chat, a ticket or a gist, or written to logs " +
        "or CI output), delete it from the file and re-stage the file (git add) so the index no longer holds it; that is enough. " +
        "If any of that happened, or you are not sure, rotate it with the steps below.";

    public static string Render(RuleDefinition rule, SnippetLanguage language)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var r = rule.Remediation;
        var text = new StringBuilder();
        text.Append(rule.Title).Append("  [").Append(rule.Id).Append(']').Append('\n');
        text.Append("Provider: ").Append(rule.Provider).Append('\n');

        Section(text, "What it is");
        Paragraph(text, r.WhatItIs, "  ");
        BulletSection(text, "How it is used", r.UsedFor);
        BulletSection(text, "The risk if it leaks", r.Risks);
        Section(text, "Revoke and rotate");
        Paragraph(text, "Revoke page: " + r.RevokeUrl, "  ");
        Numbered(text, [DecideWhetherToRotate, .. r.Rotate]);
        BulletSection(text, "Check whether it was misused", r.CheckMisuse);
        BulletSection(text, "What stops working when you revoke it", r.Dependents);

        Section(text, $"Keep it out of code ({language.DisplayName()})");
        var number = 1;
        foreach (var (source, heading) in SnippetLibrary.Sources)
        {
            text.Append('\n').Append("  ").Append(number++).Append(". ").Append(heading).Append('\n');
            foreach (var line in SnippetLibrary.Intro(source, rule).Split('\n'))
            {
                Paragraph(text, line, "     ");
            }

            text.Append('\n');
            foreach (var line in SnippetLibrary.Snippet(source, language, rule).Split('\n'))
            {
                text.Append(line.Length == 0 ? "" : "       " + line).Append('\n');
            }
        }

        if (r.HowCreated.Count > 0)
        {
            Section(text, "How to create a new one");
            Numbered(text, r.HowCreated);
        }
        Section(text, "Why tokens like this leak");
        Bullets(text, WhyTokensLeak);
        Section(text, "Best practices");
        Bullets(text, r.BestPractices.Concat(GeneralPractices).ToList());

        text.Append('\n');
        if (r.DocsUrl is not null)
        {
            text.Append("Vendor documentation: ").Append(r.DocsUrl).Append('\n');
        }

        var others = SnippetLanguages.Names.Where(name => name != language.Name());
        text.Append("Snippets in another language: hookguard explain ").Append(rule.Id)
            .Append(" --lang ").Append(string.Join('|', others)).Append('\n');
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title) => text.Append('\n').Append(title).Append('\n');

    /// <summary>A titled list, left out when empty (a custom rule from the config may not give every list).</summary>
    private static void BulletSection(StringBuilder text, string title, IReadOnlyList<string> items)
    {
        if (items.Count > 0)
        {
            Section(text, title);
            Bullets(text, items);
        }
    }

    private static void Bullets(StringBuilder text, IReadOnlyList<string> items)
    {
        foreach (var item in items)
        {
            Wrap(text, item, "  - ", "    ");
        }
    }

    private static void Numbered(StringBuilder text, IReadOnlyList<string> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var marker = $"  {i + 1}. ";
            Wrap(text, items[i], marker, new string(' ', marker.Length));
        }
    }

    private static void Paragraph(StringBuilder text, string paragraph, string indent) => Wrap(text, paragraph, indent, indent);

    /// <summary>Word-wraps to <see cref="Width"/> columns; never breaks a word (URLs stay whole).</summary>
    private static void Wrap(StringBuilder text, string content, string firstIndent, string indent)
    {
        var line = new StringBuilder(firstIndent);
        var lineHasWord = false;
        foreach (var word in content.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (lineHasWord && line.Length + 1 + word.Length > Width)
            {
                text.Append(line).Append('\n');
                line.Clear().Append(indent);
                lineHasWord = false;
            }

            if (lineHasWord)
            {
                line.Append(' ');
            }

            line.Append(word);
            lineHasWord = true;
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
