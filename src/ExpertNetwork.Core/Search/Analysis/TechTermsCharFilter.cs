using System.Buffers;
using System.Text;
using Lucene.Net.Analysis.CharFilters;

namespace ExpertNetwork.Search.Analysis;

/// <summary>
/// The <c>tech_terms</c> mapping char filter (<c>c++ =&gt; cplusplus</c>), with the semantics of Lucene's
/// MappingCharFilter: case-sensitive, longest match, left to right, offsets corrected so highlights land on
/// the original text. MappingCharFilter walks an FST for every character and tripled the cost of analysing
/// publications; every key holds one of <c>+ # .</c>, so this one only looks around those.
/// </summary>
internal sealed class TechTermsCharFilter : BaseCharFilter
{
    private readonly string _text;
    private int _position;

    public TechTermsCharFilter(TextReader input, TechTermMap map)
        : base(input)
    {
        // Lucene.NET's ReusableStringReader answers ReadToEnd with null for an empty value.
        var original = input.ReadToEnd() ?? "";
        _text = original.AsSpan().IndexOfAny(TechTermMap.Anchors) < 0 ? original : map.Apply(original, this);
    }

    public override int Read(char[] buffer, int index, int count)
    {
        var available = Math.Min(count, _text.Length - _position);
        if (available <= 0)
        {
            return count == 0 ? 0 : -1;
        }

        _text.CopyTo(_position, buffer, index, available);
        _position += available;
        return available;
    }

    public override int Read() => _position < _text.Length ? _text[_position++] : -1;

    internal void AddCorrection(int offset, int cumulativeDiff) => AddOffCorrectMap(offset, cumulativeDiff);
}

internal sealed class TechTermMap
{
    public static readonly SearchValues<char> Anchors = SearchValues.Create("+#.");

    // Per anchor character: (key, index of the anchor in the key, replacement), longest keys first.
    private readonly Dictionary<char, (string Key, int Anchor, string Replacement)[]> _byAnchor;

    public TechTermMap(IEnumerable<KeyValuePair<string, string>> mappings)
    {
        var rules = mappings.Select(m =>
        {
            var anchor = m.Key.AsSpan().IndexOfAny(Anchors);
            if (anchor < 0)
            {
                throw new InvalidDataException($"tech_terms mapping '{m.Key}' has none of + # . and would need the slow char filter.");
            }

            return (m.Key, Anchor: anchor, Replacement: m.Value);
        }).ToList();
        _byAnchor = rules.GroupBy(r => r.Key[r.Anchor])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Key.Length).ToArray());
    }

    /// <summary>The text with every mapping applied; <paramref name="corrections"/>, when given, learns how offsets moved.</summary>
    public string Apply(string text, TechTermsCharFilter? corrections)
    {
        StringBuilder? output = null;
        var copied = 0;
        var cumulativeDiff = 0;
        var search = 0;
        while (search < text.Length)
        {
            var next = text.AsSpan(search).IndexOfAny(Anchors);
            if (next < 0)
            {
                break;
            }

            var at = search + next;
            var match = Match(text, at, copied);
            if (match is not { } found)
            {
                search = at + 1;
                continue;
            }

            output ??= new StringBuilder(text.Length + 16);
            output.Append(text, copied, found.Start - copied).Append(found.Replacement);
            copied = found.Start + found.Key.Length;
            cumulativeDiff += found.Key.Length - found.Replacement.Length;
            corrections?.AddCorrection(output.Length, cumulativeDiff);
            search = copied;
        }

        return output is null ? text : output.Append(text, copied, text.Length - copied).ToString();
    }

    private (int Start, string Key, string Replacement)? Match(string text, int anchorAt, int notBefore)
    {
        (int Start, string Key, string Replacement)? best = null;
        foreach (var (key, anchor, replacement) in _byAnchor[text[anchorAt]])
        {
            var start = anchorAt - anchor;
            if (start < notBefore || start + key.Length > text.Length
                || !text.AsSpan(start, key.Length).SequenceEqual(key)
                || (best is { } b && (b.Start < start || (b.Start == start && b.Key.Length >= key.Length))))
            {
                continue;
            }

            best = (start, key, replacement);
        }

        return best;
    }
}
