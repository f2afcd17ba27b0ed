package io.tributary.console.partitions;

import io.tributary.consumer.OffsetResetOutcome;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Partitions and tenants" section: the topic's partitions with offsets, lag and throughput, the tenants, and
 * the blocks in the bucket; and per partition a drill-down with its lag chart and the operator's actions (stop the
 * reader, reset its committed offset, start it), each a POST form with a CSRF token and a confirmation box.
 */
@Controller
public class PartitionsController {
    private final PartitionsSampler sampler;
    private final PartitionActions actions;
    private final BucketBlocks blocks;

    public PartitionsController(PartitionsSampler sampler, PartitionActions actions, BucketBlocks blocks) {
        this.sampler = sampler;
        this.actions = actions;
        this.blocks = blocks;
    }

    @GetMapping("/console/partitions")
    String partitions(Model model) {
        PartitionsView view = sampler.latest();
        model.addAttribute("view", view);
        model.addAttribute("charts", PartitionCharts.of(view, sampler.history(), false));
        model.addAttribute("blocksAvailable", blocks.available());
        model.addAttribute("blocks", blocks.list());
        model.addAttribute("refreshSeconds", PartitionsSampler.INTERVAL.toSeconds());
        return "console/partitions";
    }

    @GetMapping("/console/partitions/{partition:\\d+}")
    String partition(@PathVariable int partition, Model model) {
        return detail(partition, OffsetResetForm.blank(), Map.of(), model);
    }

    @PostMapping("/console/partitions/{partition:\\d+}/stop")
    String stop(@PathVariable int partition, @RequestParam(defaultValue = "false") boolean confirm, Model model,
            HttpServletResponse response, RedirectAttributes redirect) throws InterruptedException {
        if (!confirm) {
            return rejected(partition, OffsetResetForm.blank(),
                    Map.of("stopConfirm", "tick the confirmation to stop the reader"), model, response);
        }
        try {
            actions.stop(partition);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return rejected(partition, OffsetResetForm.blank(), Map.of("action", e.getMessage()), model, response);
        }
        sampler.sampleNow();
        redirect.addFlashAttribute("message", "The reader of partition " + partition + " is stopped; its last "
                + "consumed offset is committed.");
        return "redirect:/console/partitions/" + partition;
    }

    @PostMapping("/console/partitions/{partition:\\d+}/start")
    String start(@PathVariable int partition, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            actions.start(partition);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return rejected(partition, OffsetResetForm.blank(), Map.of("action", e.getMessage()), model, response);
        }
        sampler.sampleNow();
        redirect.addFlashAttribute("message", "The reader of partition " + partition + " is started; it reads on "
                + "after the committed offset.");
        return "redirect:/console/partitions/" + partition;
    }

    @PostMapping("/console/partitions/{partition:\\d+}/reset")
    String reset(@PathVariable int partition, @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") String timestamp, @RequestParam(defaultValue = "") String offset,
            @RequestParam(defaultValue = "false") boolean confirm, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        OffsetResetForm form = new OffsetResetForm(to, timestamp, offset, confirm);
        Map<String, String> violations = form.violations();
        if (!violations.isEmpty()) {
            return rejected(partition, form, violations, model, response);
        }
        OffsetResetOutcome outcome;
        try {
            outcome = actions.reset(partition, form.target());
        } catch (IllegalArgumentException e) {
            return rejected(partition, form, Map.of(fieldOf(form), e.getMessage()), model, response);
        } catch (IllegalStateException e) {
            return rejected(partition, form, Map.of("action", e.getMessage()), model, response);
        } catch (RuntimeException e) {
            return rejected(partition, form, Map.of("action", "Kafka refused the reset: " + e.getMessage()),
                    model, response);
        }
        sampler.sampleNow();
        redirect.addFlashAttribute("message", "Partition " + partition + ": CURRENT-OFFSET of consumer group "
                + outcome.consumerGroup() + " moved from " + outcome.committedBefore() + " to "
                + outcome.committedAfter() + "; once started, the reader reads offset " + outcome.nextOffset() + " next.");
        return "redirect:/console/partitions/" + partition;
    }

    private static String fieldOf(OffsetResetForm form) {
        return "offset".equalsIgnoreCase(form.to()) ? "offset" : "action";
    }

    /** The drill-down again with the reasons: 409 when the state refused the action, else 400. */
    private String rejected(int partition, OffsetResetForm form, Map<String, String> errors, Model model,
            HttpServletResponse response) {
        String page = detail(partition, form, errors, model);
        response.setStatus(errors.containsKey("action") ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
        return page;
    }

    /** The errors whose field is not on the page (the form is not shown), listed at its top instead. */
    private static List<String> pageErrors(Map<String, String> errors, boolean readsHere, boolean stopped) {
        Set<String> placed = !readsHere ? Set.of()
                : stopped ? Set.of("to", "timestamp", "offset", "confirm") : Set.of("stopConfirm");
        return errors.entrySet().stream().filter(e -> !placed.contains(e.getKey())).map(Map.Entry::getValue).toList();
    }

    private String detail(int partition, OffsetResetForm form, Map<String, String> errors, Model model) {
        PartitionsView view = sampler.latest();
        PartitionRow row = view.partition(partition);
        if (row == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the topic has no partition " + partition);
        }
        model.addAttribute("view", view);
        model.addAttribute("row", row);
        model.addAttribute("chart", PartitionCharts.of(view, sampler.history(), true).partitions().get(partition));
        model.addAttribute("secondsChart", LagChart.drawSeconds(sampler.history().points(partition), view.takenAtMs(),
                PartitionsSampler.CHART_WINDOW.toMillis(), PartitionCharts.WIDE, PartitionCharts.TALL));
        boolean readsHere = actions.readsHere(partition);
        boolean stopped = actions.stopped(partition);
        model.addAttribute("readsHere", readsHere);
        model.addAttribute("stopped", stopped);
        model.addAttribute("pageErrors", pageErrors(errors, readsHere, stopped));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("refreshSeconds", PartitionsSampler.INTERVAL.toSeconds());
        return "console/partition";
    }
}
