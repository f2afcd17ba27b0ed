package io.tributary.query;

import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import java.util.List;

/** The query path's routes, each under Prometheus's root and under Mimir's {@code /prometheus} prefix. */
public final class QueryRoutes {

    static final List<String> PREFIXES = List.of("", "/prometheus");

    private QueryRoutes() {
    }

    public static RouterFunction<ServerResponse> of(RemoteReadHandler read, MetadataApiHandler metadata) {
        RequestPredicate getOrPost = RequestPredicates.methods(HttpMethod.GET, HttpMethod.POST);
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (String prefix : PREFIXES) {
            routes.POST(prefix + "/api/v1/read", read::read)
                    .route(getOrPost.and(RequestPredicates.path(prefix + "/api/v1/labels")), metadata::labels)
                    .route(getOrPost.and(RequestPredicates.path(prefix + "/api/v1/label/{name}/values")),
                            metadata::labelValues)
                    .route(getOrPost.and(RequestPredicates.path(prefix + "/api/v1/series")), metadata::series);
        }
        return routes.build();
    }
}
