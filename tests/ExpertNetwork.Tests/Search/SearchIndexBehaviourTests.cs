using System.Text;
using ExpertNetwork.Experts;
using ExpertNetwork.Search;
using ExpertNetwork.Text;
using static ExpertNetwork.Tests.Search.SearchFixtures;

namespace ExpertNetwork.Tests.Search;

/// <summary>
/// What every search engine must do, run against each engine by a subclass. Each test gets its own
/// index storage; <see cref="OpenIndex"/> called twice in one test opens the same index again.
/// </summary>
public abstract class SearchIndexBehaviourTests : IAsyncLifetime
{
    private readonly List<ISearchIndex> _open = [];

    /// <summary>A new engine instance on this test's storage.</summary>
    protected abstract ISearchIndex OpenIndex();

    /// <summary>Removes this test's storage once every index opened by the test is disposed.</summary>
    protected virtual Task DeleteStorageAsync() => Task.CompletedTask;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var index in _open.AsEnumerable().Reverse())
        {
            await index.DisposeAsync();
        }

        _open.Clear();
        await DeleteStorageAsync();
    }

    protected ISearchIndex Open()
    {
        var index = OpenIndex();
        _open.Add(index);
        return index;
    }

    protected async Task CloseAsync(ISearchIndex index)
    {
        _open.Remove(index);
        await index.DisposeAsync();
    }

    protected async Task<ISearchIndex> CreateIndexAsync(IEnumerable<Expert>? experts = null, string? storeStamp = null)
    {
        var index = Open();
        await index.EnsureCreatedAsync();
        await index.UpsertAsync((experts ?? All).ToArray(), storeStamp);
        return index;
    }

    private static async Task<List<string>> IdsAsync(ISearchIndex index, string text, int size = 20)
    {
        var result = await index.SearchAsync(new SearchQuery { Text = text, Size = size, WithFacets = false, WithHighlights = false });
        return result.Hits.Select(h => h.Id).ToList();
    }

    // Names

    [EngineTheory]
    [InlineData("Đặng Thu Hà")]
    [InlineData("Dang Thu Ha")]
    [InlineData("dang thu ha")]
    [InlineData("ĐẶNG THU HÀ")]
    [InlineData("Thu Hà")]
    public async Task A_name_matches_with_or_without_diacritics_and_in_any_case(string query)
    {
        var index = await CreateIndexAsync();
        Assert.Equal("P05", (await IdsAsync(index, query))[0]);
    }

    [EngineFact]
    public async Task A_name_typed_in_decomposed_unicode_matches()
    {
        var index = await CreateIndexAsync();
        Assert.Equal("P05", (await IdsAsync(index, "Đặng Thu Hà".Normalize(NormalizationForm.FormD)))[0]);
    }

    [EngineFact]
    public async Task A_name_stored_in_decomposed_unicode_is_found_folded_and_exact()
    {
        var index = await CreateIndexAsync();
        Assert.Equal("P14", (await IdsAsync(index, "Do Van Quy"))[0]);
        Assert.Equal("P14", (await IdsAsync(index, "Đỗ Văn Quý"))[0]);
    }

    [EngineTheory]
    [InlineData("Ha Dang")]
    [InlineData("Hà Thu Đặng")]
    [InlineData("Thu Ha Dang")]
    [InlineData("Phuoc Nguyen")]
    public async Task A_name_matches_in_western_order(string query)
    {
        var index = await CreateIndexAsync();
        var expected = query.Contains("Phuoc") ? "P09" : "P05";
        Assert.Equal(expected, (await IdsAsync(index, query))[0]);
    }

    [EngineTheory]
    [InlineData("An Nguyen")]
    [InlineData("An Van Nguyen")]
    [InlineData("nguyen van an")]
    public async Task Both_an_and_ân_match_a_name_typed_without_diacritics_or_in_western_order(string query)
    {
        var index = await CreateIndexAsync();
        Assert.Equal(["P01", "P02"], (await IdsAsync(index, query)).Take(2).Order());
    }

    [EngineFact]
    public async Task The_exact_spelling_ranks_first_both_ways()
    {
        var index = await CreateIndexAsync();
        Assert.Equal(["P02", "P01"], (await IdsAsync(index, "Nguyễn Văn Ân")).Take(2));
        Assert.Equal(["P01", "P02"], (await IdsAsync(index, "Nguyễn Văn An")).Take(2));
    }

    [EngineFact]
    public async Task A_name_matches_whatever_the_tone_mark_placement()
    {
        var index = await CreateIndexAsync();
        Assert.Equal("P10", (await IdsAsync(index, "Phạm Thị Thủy"))[0]);
        Assert.Equal("P10", (await IdsAsync(index, "Phạm Thị Thuỷ"))[0]);
        Assert.Equal("P07", (await IdsAsync(index, "Huỳnh Minh Hoà"))[0]);
        Assert.Equal("P08", (await IdsAsync(index, "Hoàng Minh Hòa"))[0]);
    }

    [EngineTheory]
    [InlineData("Peter Nguyen", "P09")]
    [InlineData("peter", "P09")]
    [InlineData("Anh Nguyen", "P03")]
    public async Task Other_names_match(string query, string expected)
    {
        var index = await CreateIndexAsync();
        Assert.Equal(expected, (await IdsAsync(index, query))[0]);
    }

    [EngineTheory]
    [InlineData("Ngyuen Van An", "P01,P02")]
    [InlineData("Dnag Thu Ha", "P05")]
    [InlineData("Nguyen Huu Phuoc", "P09")]
    [InlineData("Nguyen Huu Phuc", "P09")]
    [InlineData("Hoang Phu Ngoc Tuonq", "P06")]
    public async Task One_typo_in_a_name_syllable_of_four_or_more_letters_still_matches(string query, string expected)
    {
        var index = await CreateIndexAsync();
        var want = expected.Split(',');
        Assert.Equal(want.Order(), (await IdsAsync(index, query)).Take(want.Length).Order());
    }

    [EngineFact]
    public async Task Syllables_shorter_than_four_letters_get_no_typo_allowance()
    {
        var index = await CreateIndexAsync();
        var ids = await IdsAsync(index, "An");
        Assert.Equal(["P01", "P02"], ids.Take(2).Order());
        Assert.DoesNotContain("P03", ids);
        Assert.DoesNotContain("P04", await IdsAsync(index, "Tran Duc Ahn"));
    }

    private static readonly Expert Duc = Make("T01", "Nguyễn Văn Đức", ["thủy văn"], ["hydrology"], "VN", "Quy Nhơn", "phd", 4, [], ["vi"]);
    private static readonly Expert Thuy = Make("T02", "Nguyễn Văn Thủy", ["kinh tế học"], ["economics"], "VN", "Huế", "master", 3, [], ["vi"]);
    private static readonly Expert ThuyVan = Make("T03", "Trần Văn Thùy", ["hóa học"], ["chemistry"], "VN", "Huế", "master", 2, [], ["vi"]);
    private static readonly Expert Tuc = Make("T04", "Nguyễn Văn Túc", ["vật lý"], ["physics"], "VN", "Huế", "master", 2, [], ["vi"]);

    [EngineTheory]
    [InlineData("Nguyen Van Duk", "T01")]
    [InlineData("Nguyen Van Thuyy", "T02")]
    [InlineData("Van Duk Nguyen", "T01")]
    public async Task One_typo_in_a_three_letter_syllable_or_longer_ranks_the_right_person_first(string query, string expected)
    {
        var index = await CreateIndexAsync([.. All, Duc, Thuy, ThuyVan, Tuc]);
        Assert.Equal(expected, (await IdsAsync(index, query))[0]);
    }

    [EngineFact]
    public async Task A_three_letter_typo_keeps_its_first_letter_and_needs_the_other_words_exact()
    {
        var index = await CreateIndexAsync([.. All, Duc, Thuy, ThuyVan, Tuc]);
        Assert.Contains("T01", await IdsAsync(index, "Duk Nguyen"));
        Assert.DoesNotContain("T01", await IdsAsync(index, "Nguyen Van Tuk"));
        Assert.Equal("T04", (await IdsAsync(index, "Nguyen Van Tuk"))[0]);
        Assert.DoesNotContain("T01", await IdsAsync(index, "Nguyen Vam Duk"));
        Assert.DoesNotContain("T01", await IdsAsync(index, "Duk"));
    }

    [EngineFact]
    public async Task A_recognised_concept_counts_only_experts_who_show_it()
    {
        var index = await CreateIndexAsync([.. All, Duc]);
        var result = await index.SearchAsync(new SearchQuery { Text = "an ninh mạng", Size = 50 });
        Assert.Equal(["P04", "P09"], result.Hits.Select(h => h.Id).Order());
        Assert.Equal(2, result.Total);
        Assert.Equal(2, result.Facets[FacetNames.Field]["cybersecurity"]);
        Assert.Equal(2, result.Facets[FacetNames.Country].Values.Sum());
    }

    [EngineFact]
    public async Task A_vietnamese_concept_does_not_match_on_one_of_its_syllables()
    {
        var index = await CreateIndexAsync([.. All, Duc]);
        var ids = await IdsAsync(index, "thủy văn");
        Assert.Equal(["T01"], ids);
        Assert.DoesNotContain("P01", await IdsAsync(index, "an ninh mạng"));
    }

    [EngineFact]
    public async Task Free_text_needs_most_of_its_words_while_candidate_retrieval_keeps_any()
    {
        var index = await CreateIndexAsync();
        var precise = await index.SearchAsync(new SearchQuery { Text = "graphene tumours", WithFacets = false });
        Assert.Equal(0, precise.Total);

        var recall = await index.SearchAsync(new SearchQuery { Text = "graphene tumours", WithFacets = false, Matching = SearchMatching.Recall });
        Assert.Equal(["P01", "P13"], recall.Hits.Select(h => h.Id).Order());
        Assert.Equal("P13", (await IdsAsync(index, "graphene nanoribbons quantum"))[0]);
    }

    [EngineFact]
    public async Task A_name_word_and_a_skill_find_the_person_with_both()
    {
        var index = await CreateIndexAsync();
        var result = await index.SearchAsync(new SearchQuery { Text = "nguyen semiconductor", WithFacets = false });
        Assert.Equal(["P03"], result.Hits.Select(h => h.Id));
    }

    [EngineFact]
    public async Task Pages_past_the_result_window_are_empty_on_every_engine()
    {
        var index = await CreateIndexAsync();
        var deep = await index.SearchAsync(new SearchQuery { From = 10_000, Size = 20, WithFacets = false });
        Assert.Empty(deep.Hits);
        Assert.Equal(Listed.Count, deep.Total);
    }

    [EngineFact]
    public async Task A_compound_family_name_matches_in_any_order()
    {
        var index = await CreateIndexAsync();
        Assert.Equal("P06", (await IdsAsync(index, "Hoang Phu Ngoc Tuong"))[0]);
        Assert.Contains("P06", (await IdsAsync(index, "Tuong Hoang Phu")).Take(3));
    }

    // Skills across languages

    [EngineTheory]
    [InlineData("trí tuệ nhân tạo")]
    [InlineData("tri tue nhan tao")]
    [InlineData("artificial intelligence")]
    [InlineData("AI")]
    public async Task A_skill_matches_across_vietnamese_and_english(string query)
    {
        var index = await CreateIndexAsync();
        Assert.Equal(["P01", "P07"], (await IdsAsync(index, query)).Take(2).Order());
    }

    [EngineFact]
    public async Task The_skill_as_typed_ranks_above_its_translation()
    {
        var index = await CreateIndexAsync();
        Assert.Equal("P01", (await IdsAsync(index, "trí tuệ nhân tạo"))[0]);
        Assert.Equal("P07", (await IdsAsync(index, "artificial intelligence"))[0]);
    }

    [EngineTheory]
    [InlineData("machine learning", "P01,P07")]
    [InlineData("học máy", "P01,P07")]
    [InlineData("hoc may", "P01,P07")]
    [InlineData("ML", "P01,P07")]
    [InlineData("semiconductor", "P03,P08")]
    [InlineData("bán dẫn", "P03,P08")]
    [InlineData("ban dan", "P03,P08")]
    [InlineData("chip", "P05,P10")]
    [InlineData("vi mach", "P05,P10")]
    [InlineData("cybersecurity", "P04,P09")]
    [InlineData("an ninh mạng", "P04,P09")]
    [InlineData("data science", "P14")]
    [InlineData("khoa hoc du lieu", "P14")]
    public async Task Synonyms_find_both_languages_with_and_without_diacritics(string query, string expected)
    {
        var index = await CreateIndexAsync();
        var want = expected.Split(',');
        Assert.Equal(want.Order(), (await IdsAsync(index, query)).Take(want.Length).Order());
    }

    [EngineFact]
    public async Task A_skill_that_starts_with_a_given_name_ranks_above_the_person_with_that_name()
    {
        var index = await CreateIndexAsync();
        var ids = await IdsAsync(index, "an ninh mạng");
        Assert.Equal("P04", ids[0]);
        Assert.True(!ids.Contains("P01") || ids.IndexOf("P01") > ids.IndexOf("P04"));
    }

    [EngineFact]
    public async Task Ai_is_not_expanded_on_bios_where_it_means_who()
    {
        var index = await CreateIndexAsync();
        Assert.DoesNotContain("P12", await IdsAsync(index, "AI"));
        Assert.DoesNotContain("P12", await IdsAsync(index, "ai"));
        Assert.DoesNotContain("P12", await IdsAsync(index, "trí tuệ nhân tạo"));
        Assert.DoesNotContain("P12", await IdsAsync(index, "artificial intelligence"));
    }

    [EngineFact]
    public async Task Part_of_a_multi_word_concept_is_not_expanded()
    {
        var index = await CreateIndexAsync();
        var ids = await IdsAsync(index, "trí tuệ");
        Assert.Contains("P01", ids);
        Assert.DoesNotContain("P07", ids);
    }

    // Free text

    [EngineTheory]
    [InlineData("nanoribbons", "P13")]
    [InlineData("graphene nanoribbons", "P13")]
    [InlineData("tumours CT scans", "P01")]
    [InlineData("KAIST", "P15")]
    [InlineData("Intel", "P03")]
    [InlineData("ảnh y tế", "P01")]
    [InlineData("anh y te", "P01")]
    [InlineData("Trường Đại học Quy Nhơn", "P01")]
    public async Task Free_text_matches_headline_bio_affiliation_and_publications(string query, string expected)
    {
        var index = await CreateIndexAsync();
        Assert.Equal(expected, (await IdsAsync(index, query))[0]);
    }

    // Facets and filters

    [EngineFact]
    public async Task Facets_count_every_match_not_just_the_page()
    {
        var index = await CreateIndexAsync();
        var result = await index.SearchAsync(new SearchQuery { Size = 2 });

        Assert.Equal(Listed.Count, result.Total);
        Assert.Equal(2, result.Hits.Count);
        AssertFacet(Listed.GroupBy(e => e.Country!).ToDictionary(g => g.Key, g => (long)g.Count()), result, FacetNames.Country);
        AssertFacet(Listed.SelectMany(e => e.Fields).GroupBy(f => f).ToDictionary(g => g.Key, g => (long)g.Count()), result, FacetNames.Field);
        AssertFacet(Listed.GroupBy(e => Geography.Classify(e).Name()).ToDictionary(g => g.Key, g => (long)g.Count()), result, FacetNames.Location);
        AssertFacet(Listed.Where(e => e.Degree is not null).GroupBy(e => e.Degree!).ToDictionary(g => g.Key, g => (long)g.Count()), result, FacetNames.Degree);
        AssertFacet(Listed.SelectMany(e => e.Engagement).GroupBy(f => f).ToDictionary(g => g.Key, g => (long)g.Count()), result, FacetNames.Engagement);
        AssertFacet(Listed.SelectMany(e => e.Languages).GroupBy(f => f).ToDictionary(g => g.Key, g => (long)g.Count()), result, FacetNames.Language);
    }

    [EngineFact]
    public async Task Facets_of_a_text_query_count_its_matches()
    {
        var index = await CreateIndexAsync();
        var result = await index.SearchAsync(new SearchQuery { Text = "semiconductor", Size = 1 });

        var matched = result.Total;
        Assert.True(matched >= 4);
        Assert.Equal(4, result.Facets[FacetNames.Field]["semiconductor"]);
        Assert.Equal(matched, result.Facets[FacetNames.Country].Values.Sum());
    }

    [EngineFact]
    public async Task Filters_combine_values_with_or_and_facets_with_and()
    {
        var index = await CreateIndexAsync();
        var result = await index.SearchAsync(new SearchQuery { Fields = ["semiconductor"], Countries = ["VN", "JP"] });
        Assert.Equal(["P05", "P08", "P10"], result.Hits.Select(h => h.Id).Order());
        Assert.Equal(3, result.Total);
        Assert.Equal(2, result.Facets[FacetNames.Country]["VN"]);
    }

    [EngineTheory]
    [InlineData(LocationClass.Province, "P01,P08,P10,P12")]
    [InlineData(LocationClass.Abroad, "P03,P04,P05,P09,P14,P15")]
    public async Task Location_filters_by_province_vietnam_or_abroad(LocationClass location, string expected)
    {
        var index = await CreateIndexAsync();
        var result = await index.SearchAsync(new SearchQuery { Locations = [location], Size = 50 });
        Assert.Equal(expected.Split(','), result.Hits.Select(h => h.Id).Order());
    }

    [EngineFact]
    public async Task Degree_engagement_and_language_filter()
    {
        var index = await CreateIndexAsync();
        var result = await index.SearchAsync(new SearchQuery { Degrees = ["phd"], Engagement = ["advisory"], Languages = ["en"], Size = 50 });
        Assert.Equal(["P01", "P03", "P09", "P15"], result.Hits.Select(h => h.Id).Order());
    }

    [EngineFact]
    public async Task Filters_apply_to_text_queries()
    {
        var index = await CreateIndexAsync();
        var result = await index.SearchAsync(new SearchQuery { Text = "semiconductor", Countries = ["US"] });
        Assert.Equal(["P03"], result.Hits.Select(h => h.Id));
    }

    [EngineFact]
    public async Task An_empty_query_with_filters_lists_everyone_who_passes_them()
    {
        var index = await CreateIndexAsync();
        var result = await index.SearchAsync(new SearchQuery { Text = "  ", Countries = ["VN"], Size = 50 });
        var expected = Listed.Where(e => e.Country == "VN").Select(e => e.Id).Order();
        Assert.Equal(expected, result.Hits.Select(h => h.Id).Order());
        Assert.Equal(expected.Count(), result.Total);
    }

    // Paging and sorting

    [EngineFact]
    public async Task Pages_cover_every_match_once()
    {
        var index = await CreateIndexAsync();
        var seen = new List<string>();
        for (var from = 0; from < Listed.Count; from += 4)
        {
            var page = await index.SearchAsync(new SearchQuery { From = from, Size = 4, WithFacets = false });
            Assert.Equal(Listed.Count, page.Total);
            seen.AddRange(page.Hits.Select(h => h.Id));
        }

        Assert.Equal(Listed.Select(e => e.Id).Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [EngineFact]
    public async Task Paging_a_text_query_continues_where_the_previous_page_ended()
    {
        var index = await CreateIndexAsync();
        var all = await IdsAsync(index, "nguyen", 50);
        var second = await index.SearchAsync(new SearchQuery { Text = "nguyen", From = 2, Size = 2 });
        Assert.Equal(all.Skip(2).Take(2), second.Hits.Select(h => h.Id));
    }

    [EngineFact]
    public async Task Sorting_by_name_uses_the_folded_name()
    {
        var index = await CreateIndexAsync();
        var result = await index.SearchAsync(new SearchQuery { Sort = SearchSort.Name, Size = 50 });
        var expected = Listed.OrderBy(e => VietnameseText.Fold(VietnameseText.Normalize(e.FullName)), StringComparer.Ordinal).Select(e => e.Id);
        Assert.Equal(expected, result.Hits.Select(h => h.Id));
    }

    [EngineFact]
    public async Task Sorting_a_text_query_by_name_keeps_its_matches()
    {
        var index = await CreateIndexAsync();
        var result = await index.SearchAsync(new SearchQuery { Text = "semiconductor", Sort = SearchSort.Name, Size = 50 });
        var names = result.Hits.Select(h => VietnameseText.Fold(VietnameseText.Normalize(h.FullName))).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("P08", result.Hits.Select(h => h.Id));
    }

    [EngineFact]
    public async Task Sorting_by_h_index_puts_the_highest_first_and_unknown_last()
    {
        var index = await CreateIndexAsync();
        var result = await index.SearchAsync(new SearchQuery { Sort = SearchSort.HIndex, Size = 50 });
        var byId = Listed.ToDictionary(e => e.Id);
        var hIndexes = result.Hits.Select(h => byId[h.Id].HIndex).ToList();
        Assert.Equal("P03", result.Hits[0].Id);
        Assert.Equal(hIndexes.OrderByDescending(h => h ?? -1), hIndexes);
        Assert.Null(hIndexes[^1]);
    }

    [EngineFact]
    public async Task Relevance_order_has_non_increasing_scores()
    {
        var index = await CreateIndexAsync();
        var result = await index.SearchAsync(new SearchQuery { Text = "nguyen semiconductor", Size = 50 });
        var scores = result.Hits.Select(h => h.Score).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.True(scores[0] > 0);
    }

    // Highlights

    [EngineFact]
    public async Task Highlights_mark_what_matched_in_each_field()
    {
        var index = await CreateIndexAsync();
        var publication = (await index.SearchAsync(new SearchQuery { Text = "nanoribbons" })).Hits[0];
        Assert.Contains(publication.Highlights[HighlightFields.Publications], s => s.Contains("<em>nanoribbons</em>", StringComparison.Ordinal));

        var name = (await index.SearchAsync(new SearchQuery { Text = "Dang Thu Ha" })).Hits[0];
        Assert.Contains(name.Highlights[HighlightFields.FullName], s => s.Contains("<em>Đặng</em> <em>Thu</em> <em>Hà</em>", StringComparison.Ordinal));
    }

    [EngineFact]
    public async Task Highlights_mark_a_skill_found_through_a_synonym()
    {
        var index = await CreateIndexAsync();
        var hit = (await index.SearchAsync(new SearchQuery { Text = "semiconductor" })).Hits.Single(h => h.Id == "P08");
        Assert.Contains(hit.Highlights[HighlightFields.Keywords], s => s.Contains("<em>bán</em> <em>dẫn</em>", StringComparison.Ordinal));
    }

    [EngineFact]
    public async Task Highlights_can_be_turned_off()
    {
        var index = await CreateIndexAsync();
        var result = await index.SearchAsync(new SearchQuery { Text = "nanoribbons", WithHighlights = false, WithFacets = false });
        Assert.Empty(result.Hits[0].Highlights);
        Assert.Empty(result.Facets);
    }

    // Consent

    [EngineFact]
    public async Task Unlisted_profiles_never_appear()
    {
        var index = await CreateIndexAsync();
        Assert.DoesNotContain("P16", await IdsAsync(index, "Nguyễn Văn Bình"));
        Assert.DoesNotContain("P16", await IdsAsync(index, "học máy"));
        Assert.DoesNotContain("P16", (await index.SearchAsync(new SearchQuery { Size = 100 })).Hits.Select(h => h.Id));
        Assert.DoesNotContain("P16", (await index.SuggestAsync("binh")).Select(s => s.Id));
    }

    [EngineFact]
    public async Task Upserting_a_profile_as_unlisted_removes_it()
    {
        var index = await CreateIndexAsync();
        await index.UpsertAsync([P05 with { Consent = new Consent(Listed: false) }]);
        Assert.DoesNotContain("P05", await IdsAsync(index, "Dang Thu Ha"));
        Assert.Equal(Listed.Count - 1, (await index.SearchAsync(new SearchQuery())).Total);
    }

    // Suggestions

    [EngineFact]
    public async Task Suggestions_complete_any_name_part_folded()
    {
        var index = await CreateIndexAsync();
        Assert.Equal(["P01", "P02", "P03", "P09"], (await index.SuggestAsync("nguy")).Select(s => s.Id).Order());
        Assert.Equal("P05", (await index.SuggestAsync("dang t"))[0].Id);
        Assert.Equal("P05", (await index.SuggestAsync("Đặng T"))[0].Id);
        Assert.Equal("P05", (await index.SuggestAsync("ha"))[0].Id);
        Assert.Equal(["P09"], (await index.SuggestAsync("pet")).Select(s => s.Id));
        Assert.Contains((await index.SuggestAsync("an ngu"))[0].Id, new[] { "P01", "P02" });
        Assert.Empty(await index.SuggestAsync("zzz"));
        Assert.Empty(await index.SuggestAsync(" "));
    }

    [EngineFact]
    public async Task Suggestions_return_the_top_ten_with_names_starting_with_the_prefix_first()
    {
        var many = Enumerable.Range(0, 15).Select(i => Make($"N{i:D2}", $"Trần Văn Nam {i:D2}", [], [], "VN", "Quy Nhơn", null, null, [], [])).ToList();
        var index = await CreateIndexAsync([.. All, .. many, Make("X01", "Nguyễn Văn Trần Minh", [], [], "VN", "Huế", null, null, [], [])]);

        var suggestions = await index.SuggestAsync("tran");
        Assert.Equal(10, suggestions.Count);
        Assert.DoesNotContain("X01", suggestions.Select(s => s.Id));
        Assert.Equal("Trần Đức Anh", suggestions[0].FullName);
        Assert.Equal(3, (await index.SuggestAsync("tran", 3)).Count);
    }

    [EngineFact]
    public async Task Suggestions_carry_the_affiliation_city_country_and_headline_as_stored()
    {
        var index = await CreateIndexAsync();

        var p01 = (await index.SuggestAsync("nguyen van an")).Single(s => s.Id == "P01");
        var p02 = (await index.SuggestAsync("Nguyễn Văn Ân")).Single(s => s.Id == "P02");
        var p14 = (await index.SuggestAsync("do van quy")).Single(s => s.Id == "P14");

        Assert.Equal(new NameSuggestion("P01", "Nguyễn Văn An", "Quy Nhon University", "Quy Nhơn", "VN", "Giảng viên, Trường Đại học Quy Nhơn"), p01);
        Assert.Equal(new NameSuggestion("P02", "Nguyễn Văn Ân", null, "Hà Nội", "VN", null), p02);
        Assert.Equal(("SG", "Singapore"), (p14.Country, p14.City));
    }

    [EngineFact]
    public async Task Suggestions_of_one_name_are_told_apart_by_affiliation_place_then_headline_then_id()
    {
        // As in the demo directory: four people called Nguyễn Thị Vân, one of them written in NFD.
        Expert Van(string id, string affiliation, string city, string country, string headline) =>
            Make(id, "Nguyễn Thị Vân", [], [], country, city, null, null, [], []) with { Affiliation = affiliation, Headline = headline };
        var people = new[]
        {
            Van("V1", "KAIST", "Daejeon", "KR", "Senior Education Specialist, STEM education"),
            Van("V2", "Trường Đại học Quy Nhơn", "Quy Nhơn", "VN", "Giảng viên, kiểm thử xâm nhập"),
            Van("V3", "Trường Đại học Quy Nhơn", "Quy Nhơn", "VN", "Giảng viên, học máy"),
            Van("V4", "Trường Đại học Quy Nhơn", "Quy Nhơn", "VN", "Giảng viên, học máy") with { FullName = "Nguyễn Thị Vân".Normalize(NormalizationForm.FormD) },
            Van("V5", "Technical University of Munich", "Munich", "DE", "Senior Research Scientist, computer vision"),
        };
        var index = await CreateIndexAsync([.. All, .. people]);

        var lines = SuggestionLines.For(await index.SuggestAsync("nguyen van th"));

        Assert.Equal(["V1", "V2", "V3", "V4", "V5"], lines.Select(l => l.Suggestion.Id).Order());
        var byId = lines.ToDictionary(l => l.Suggestion.Id);
        Assert.Equal(["KAIST", "Daejeon, KR"], byId["V1"].Parts(c => c, id => "#" + id));
        Assert.Equal(["Technical University of Munich", "Munich, DE"], byId["V5"].Parts(c => c, id => "#" + id));
        Assert.Equal(["Trường Đại học Quy Nhơn", "Quy Nhơn, VN", "Giảng viên, kiểm thử xâm nhập"], byId["V2"].Parts(c => c, id => "#" + id));
        Assert.Equal(["Trường Đại học Quy Nhơn", "Quy Nhơn, VN", "Giảng viên, học máy", "#V3"], byId["V3"].Parts(c => c, id => "#" + id));
        Assert.Equal(["Trường Đại học Quy Nhơn", "Quy Nhơn, VN", "Giảng viên, học máy", "#V4"], byId["V4"].Parts(c => c, id => "#" + id));
        var shown = lines.Select(l => VietnameseText.Normalize(l.Suggestion.FullName) + " · " + string.Join(" · ", l.Parts(c => c, id => "#" + id))).ToList();
        Assert.Equal(shown.Count, shown.Distinct().Count());
    }

    // Writes

    [EngineFact]
    public async Task A_deleted_profile_is_gone_at_once()
    {
        var index = await CreateIndexAsync();
        await index.DeleteAsync(["P05"]);
        Assert.DoesNotContain("P05", await IdsAsync(index, "Dang Thu Ha"));
        Assert.Empty(await index.SuggestAsync("dang"));
    }

    [EngineFact]
    public async Task An_upsert_replaces_the_profile_without_a_duplicate()
    {
        var index = await CreateIndexAsync();
        await index.UpsertAsync([P02 with { Keywords = ["điện toán lượng tử"], Fields = ["physics"] }]);

        Assert.DoesNotContain("P02", await IdsAsync(index, "kinh tế học"));
        Assert.Equal("P02", (await IdsAsync(index, "quantum computing"))[0]);
        Assert.Equal(Listed.Count, (await index.SearchAsync(new SearchQuery())).Total);
    }

    // Lifecycle

    [EngineFact]
    public async Task A_new_index_is_missing_then_current_when_opened_again()
    {
        var index = Open();
        Assert.Equal(IndexState.Missing, await index.EnsureCreatedAsync());
        await index.UpsertAsync([P01], "1|t1");
        await CloseAsync(index);

        var again = Open();
        Assert.Equal(IndexState.Current, await again.EnsureCreatedAsync("1|t1"));
        Assert.Equal("P01", (await IdsAsync(again, "Nguyen Van An"))[0]);
    }

    [EngineFact]
    public async Task The_store_stamp_of_the_last_write_is_kept_and_a_different_one_means_stale()
    {
        var index = await CreateIndexAsync(storeStamp: "15|2026-01-01");
        Assert.Equal("15|2026-01-01", await index.GetStoreStampAsync());
        await index.DeleteAsync(["P01"], "14|2026-01-02");
        Assert.Equal("14|2026-01-02", await index.GetStoreStampAsync());
        await index.UpsertAsync([P01]);
        Assert.Equal("14|2026-01-02", await index.GetStoreStampAsync());
        await CloseAsync(index);

        var again = Open();
        Assert.Equal(IndexState.Stale, await again.EnsureCreatedAsync("15|2026-01-03"));
        Assert.Equal("14|2026-01-02", await again.GetStoreStampAsync());
    }

    [EngineFact]
    public async Task A_rebuild_replaces_the_contents_and_records_its_stamp()
    {
        var index = await CreateIndexAsync(storeStamp: "old");
        var progress = new List<int>();
        await index.RebuildAsync(Stream([P01, P05, P16]), "new", new SyncProgress(progress.Add));

        var all = await index.SearchAsync(new SearchQuery { Size = 50 });
        Assert.Equal(["P01", "P05"], all.Hits.Select(h => h.Id).Order());
        Assert.Equal("new", await index.GetStoreStampAsync());
        Assert.Equal(3, progress[^1]);
        Assert.Equal("P05", (await IdsAsync(index, "Dang Thu Ha"))[0]);
    }

    [EngineFact]
    public async Task A_crash_in_the_middle_of_a_rebuild_leaves_the_old_index_serving()
    {
        var index = await CreateIndexAsync(storeStamp: "before");
        var crash = Stream(Listed, i => i == 5 ? throw new IOException("store went away") : Task.CompletedTask);

        var error = await Assert.ThrowsAsync<IOException>(() => index.RebuildAsync(crash, "during"));
        Assert.Equal("store went away", error.Message);

        Assert.Equal(Listed.Count, (await index.SearchAsync(new SearchQuery())).Total);
        Assert.Equal("P05", (await IdsAsync(index, "Dang Thu Ha"))[0]);
        Assert.Equal("before", await index.GetStoreStampAsync());
        await index.UpsertAsync([P16 with { Consent = new Consent() }]);
        Assert.Equal("P16", (await IdsAsync(index, "Nguyễn Văn Bình"))[0]);
        await CloseAsync(index);

        var again = Open();
        Assert.Equal(IndexState.Current, await again.EnsureCreatedAsync("before"));
        Assert.Equal(Listed.Count + 1, (await again.SearchAsync(new SearchQuery())).Total);
    }

    [EngineFact]
    public async Task Writes_made_while_a_rebuild_runs_survive_the_swap()
    {
        var index = await CreateIndexAsync([P01]);
        var source = Stream([P01, P02, P03], async i =>
        {
            if (i == 1)
            {
                await index.UpsertAsync([P05], "during");
                await index.DeleteAsync(["P01"]);
            }
        });

        await index.RebuildAsync(source, "rebuilt");

        var ids = (await index.SearchAsync(new SearchQuery { Size = 50 })).Hits.Select(h => h.Id).Order();
        Assert.Equal(["P02", "P03", "P05"], ids);
        Assert.Equal("during", await index.GetStoreStampAsync());
    }

    [EngineFact]
    public async Task Two_instances_rebuilding_at_once_both_finish_and_leave_one_whole_index()
    {
        var first = await CreateIndexAsync(storeStamp: "old");
        var second = Open();
        await second.EnsureCreatedAsync();

        await Task.WhenAll(
            Task.Run(() => first.RebuildAsync(Stream([P01, P05]), "a")),
            Task.Run(() => second.RebuildAsync(Stream([P02, P05]), "b")));

        // Whichever finished last serves, whole: its profiles and its stamp, seen alike by both instances.
        await first.RefreshAsync();
        await second.RefreshAsync();
        var stamp = await first.GetStoreStampAsync();
        Assert.Contains(stamp, new[] { "a", "b" });
        string[] expected = stamp == "a" ? ["P01", "P05"] : ["P02", "P05"];
        foreach (var index in new[] { first, second })
        {
            Assert.Equal(stamp, await index.GetStoreStampAsync());
            Assert.Equal(expected, (await index.SearchAsync(new SearchQuery { Size = 50 })).Hits.Select(h => h.Id).Order());
        }
    }

    [EngineFact]
    public async Task Two_instances_starting_on_nothing_create_one_index_between_them()
    {
        var first = Open();
        var second = Open();

        var states = await Task.WhenAll(Task.Run(() => first.EnsureCreatedAsync()), Task.Run(() => second.EnsureCreatedAsync()));

        Assert.Contains(IndexState.Missing, states);
        await first.UpsertAsync([P05], "1|x");
        await second.RefreshAsync();
        Assert.Equal("P05", (await IdsAsync(second, "Dang Thu Ha"))[0]);
        Assert.Equal("1|x", await second.GetStoreStampAsync());
    }

    private static void AssertFacet(Dictionary<string, long> expected, SearchResult result, string facet) =>
        Assert.Equal(expected.OrderBy(kv => kv.Key), result.Facets[facet].OrderBy(kv => kv.Key));

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
