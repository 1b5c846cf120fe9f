package io.saasstack.auth.supabase;

import java.util.stream.Stream;

import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import io.saasstack.Vectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupabaseUserPagination}: the vector {@code supabase/admin-list-users-pagination}
 * (page numbers of two digits, which {@code @supabase/auth-js} 2.119.1 truncates) and other
 * {@code Link} header forms.
 */
class SupabaseUserPaginationTests {

	static final String VECTORS = "/vectors/supabase-admin-list-users-pagination.json";

	static final VectorRuns RUNS = new VectorRuns();

	/** The cases, named by kind and position: they have no name. */
	static Stream<Arguments> vectors() {
		return Vectors.arguments(VECTORS);
	}

	@AfterAll
	static void everyVectorRan() {
		RUNS.assertEveryCaseRan(Vectors.names(vectors()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void parsesTheVectorHeaders(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			// the request the answer is to: page 9, so the next page is 10
			String request = v.require("input.request").asString();
			assertThat(request).startsWith("GET /auth/v1/admin/users?");
			HttpHeaders httpHeaders = new HttpHeaders();
			httpHeaders.add("Link", v.require("input.responseHeaders.link").asString());
			httpHeaders.add("X-Total-Count", v.require("input.responseHeaders.x-total-count").asString());
			SupabaseUserPagination pagination = SupabaseUserPagination.from(httpHeaders);
			assertThat(pagination.nextPage()).isEqualTo(v.require("expected.nextPage").asInt());
			assertThat(pagination.nextPage()).isEqualTo(page(request) + 1);
			assertThat(pagination.lastPage()).isEqualTo(v.require("expected.lastPage").asInt());
			assertThat(pagination.total()).isEqualTo(v.require("expected.total").asLong());
			// auth-js 2.119.1's truncated page numbers: ours differ where its are wrong
			String buggy = "expected.npmAuthJs_2_119_1_actual.";
			assertThat(pagination.nextPage()).isNotEqualTo(v.require(buggy + "nextPage").asInt());
			assertThat(pagination.lastPage()).isNotEqualTo(v.require(buggy + "lastPage").asInt());
			assertThat(pagination.total()).isEqualTo(v.require(buggy + "total").asLong());
		});
		RUNS.ran(name);
	}

	private static int page(String request) {
		java.util.regex.Matcher page = java.util.regex.Pattern.compile("[?&]page=(\\d+)").matcher(request);
		assertThat(page.find()).as(request).isTrue();
		return Integer.parseInt(page.group(1));
	}

	@Test
	void takesThePageParameterNotPerPage() {
		SupabaseUserPagination pagination = SupabaseUserPagination.parse(
				"<https://ref.supabase.co/auth/v1/admin/users?per_page=50&page=12>; rel=\"next\", "
						+ "<https://ref.supabase.co/auth/v1/admin/users?per_page=50&page=130>; rel=\"last\"",
				" 6500 ");
		assertThat(pagination).isEqualTo(new SupabaseUserPagination(12, 130, 6500L));
	}

	@Test
	void theLastPageHasNoNextLink() {
		assertThat(SupabaseUserPagination.parse("</admin/users?page=23&per_page=50>; rel=\"last\"", "1150"))
			.isEqualTo(new SupabaseUserPagination(null, 23, 1150L));
	}

	@Test
	void readsUnquotedAndMultipleRelations() {
		assertThat(SupabaseUserPagination.parse("</admin/users?page=2&per_page=1>; REL=next, "
				+ "</admin/users?page=2&per_page=1>;rel=\"last next\"", null))
			.isEqualTo(new SupabaseUserPagination(2, 2, null));
	}

	@Test
	void ignoresWhatItCannotRead() {
		assertThat(SupabaseUserPagination.parse(null, null)).isEqualTo(new SupabaseUserPagination(null, null, null));
		assertThat(SupabaseUserPagination.parse("garbage, <no-query>; rel=\"next\", </u?page=x>; rel=\"last\"", "many"))
			.isEqualTo(new SupabaseUserPagination(null, null, null));
		assertThat(SupabaseUserPagination.parse("</u?page=3>; title=\"next\"", "-1"))
			.isEqualTo(new SupabaseUserPagination(null, null, null));
	}

}
