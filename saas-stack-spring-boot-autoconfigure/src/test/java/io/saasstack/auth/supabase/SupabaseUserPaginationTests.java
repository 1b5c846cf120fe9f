package io.saasstack.auth.supabase;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.saasstack.Vectors;
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

	/** The cases, named by kind and position: they have no name. */
	static Stream<Arguments> vectors() {
		List<Arguments> arguments = new ArrayList<>();
		int index = 0;
		for (JsonNode vector : Vectors.load(VECTORS)) {
			arguments.add(Arguments.of(vector.get("kind").asString() + " #" + (++index), vector));
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void parsesTheVectorHeaders(String name, JsonNode vector) {
		JsonNode headers = vector.get("input").get("responseHeaders");
		HttpHeaders httpHeaders = new HttpHeaders();
		httpHeaders.add("Link", headers.get("link").asString());
		httpHeaders.add("X-Total-Count", headers.get("x-total-count").asString());
		SupabaseUserPagination pagination = SupabaseUserPagination.from(httpHeaders);
		JsonNode expected = vector.get("expected");
		assertThat(pagination.nextPage()).isEqualTo(expected.get("nextPage").asInt());
		assertThat(pagination.lastPage()).isEqualTo(expected.get("lastPage").asInt());
		assertThat(pagination.total()).isEqualTo(expected.get("total").asLong());
		JsonNode buggy = expected.get("npmAuthJs_2_119_1_actual");
		assertThat(pagination.lastPage()).isNotEqualTo(buggy.get("lastPage").asInt());
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
