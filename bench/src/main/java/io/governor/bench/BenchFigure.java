package io.governor.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** One JMH result as the report needs it: which benchmark, scenario and thread count, and ops/s ± error. */
public record BenchFigure(String benchmark, String scenario, int threads, double score, double error, String unit) {

    static BenchFigure of(RunResult r) {
        BenchmarkParams p = r.getParams();
        String name = p.getBenchmark();
        String method = name.substring(name.lastIndexOf('.') + 1);
        String scenario = p.getParamsKeys().contains("scenario") ? p.getParam("scenario") : "ONE_RATE";
        Result<?> primary = r.getPrimaryResult();
        double error = Double.isNaN(primary.getScoreError()) ? 0 : primary.getScoreError();
        return new BenchFigure(method, scenario, p.getThreads(), primary.getScore(), error, primary.getScoreUnit());
    }
}
