package io.tributary.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's login form and home page with this instance's identity. Settings, partitions and checks have
 * their own controllers.
 */
@Controller
public class ConsoleController {

    private final InstanceSummaries instance;

    public ConsoleController(InstanceSummaries instance) {
        this.instance = instance;
    }

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console")
    String home(Model model) {
        model.addAttribute("instance", instance.current());
        return "console/home";
    }
}
