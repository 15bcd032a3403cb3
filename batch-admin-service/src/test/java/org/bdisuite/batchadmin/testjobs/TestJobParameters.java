package org.bdisuite.batchadmin.testjobs;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.bdisuite.batchadmin.service.JobParameterRule;

/** Test only: the rules of the parameters the test jobs read (a fault hook, a label). */
@ApplicationScoped
public class TestJobParameters implements JobParameterRule.Source {

    @Override
    public List<JobParameterRule> rules() {
        return List.of(
                JobParameterRule.wholeNumber("failAfterRows", 1, 1_000_000),
                JobParameterRule.oneOf("purpose", Set.of("lifecycle")));
    }
}
