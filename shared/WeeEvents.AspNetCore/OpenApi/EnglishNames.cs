using System.Globalization;

namespace WeeEvents.AspNetCore.OpenApi;

/// <summary>
/// Kebab-case names as English for the API's documentation: <c>inventory-item</c> → "an inventory item",
/// <c>place-order</c> → "Place order". The fallback when a command or service says nothing about itself.
/// </summary>
internal static class EnglishNames
{
    // Words that start with a vowel letter and a consonant sound ("a unit"), or the reverse ("an hour").
    private static readonly string[] ConsonantSoundPrefixes = ["uni", "use", "usu", "uti", "eu", "one", "once"];
    private static readonly string[] VowelSoundPrefixes = ["hour", "honest", "honor", "honour", "heir"];

    /// <summary><c>inventory-item</c> → "inventory item".</summary>
    public static string Noun(string kebab) => kebab.Replace('-', ' ').Replace('_', ' ');

    /// <summary>"inventory item" → "an inventory item"; "order" → "an order"; "payment" → "a payment".</summary>
    public static string WithArticle(string noun) => $"{Article(noun)} {noun}";

    /// <summary>"order" → "an order's".</summary>
    public static string Possessive(string noun) => WithArticle(noun) + (noun.EndsWith('s') ? "'" : "'s");

    /// <summary><c>place-order</c> → "Place order".</summary>
    public static string Sentence(string kebab)
    {
        var words = Noun(kebab).Trim();
        return words.Length == 0 ? words : char.ToUpper(words[0], CultureInfo.InvariantCulture) + words[1..];
    }

    /// <summary>
    /// A summary for a command that describes nothing: its name as a sentence, with the entity it acts on when the
    /// name does not say it (<c>restock</c> on <c>inventory-item</c> → "Restock an inventory item"; <c>place-order</c>
    /// on <c>order</c> → "Place an order"; <c>deposit-funds</c> on <c>account</c> → "Deposit funds (an account)").
    /// </summary>
    public static string CommandSummary(string command, string entityType)
    {
        var noun = Noun(entityType);
        var words = Noun(command);
        if (words.EndsWith(" " + noun, StringComparison.Ordinal))
        {
            return Sentence($"{words[..^(noun.Length + 1)]} {WithArticle(noun)}");
        }

        return words.Contains(' ', StringComparison.Ordinal)
            ? $"{Sentence(command)} ({WithArticle(noun)})"
            : $"{Sentence(command)} {WithArticle(noun)}";
    }

    private static string Article(string noun)
    {
        var word = noun.TrimStart().ToLowerInvariant();
        if (word.Length == 0)
        {
            return "a";
        }

        if (VowelSoundPrefixes.Any(p => word.StartsWith(p, StringComparison.Ordinal)))
        {
            return "an";
        }

        if (ConsonantSoundPrefixes.Any(p => word.StartsWith(p, StringComparison.Ordinal)))
        {
            return "a";
        }

        return "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
    }
}
