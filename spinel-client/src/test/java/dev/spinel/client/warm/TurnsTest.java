package dev.spinel.client.warm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TurnsTest {
    @Test
    void piecesRunInTicketOrderWhateverOrderTheThreadsTakeThemIn() throws Exception {
        Turns turns = new Turns();
        List<Long> tickets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tickets.add(turns.issue());
        }
        // Handed to the threads backwards: each must wait for every smaller ticket.
        List<Long> ran = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService threads = Executors.newFixedThreadPool(tickets.size())) {
            List<Future<?>> running = new ArrayList<>();
            for (long ticket : tickets.reversed()) {
                running.add(threads.submit(() -> {
                    turns.run(ticket, () -> ran.add(ticket));
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
        assertThat(ran).isEqualTo(tickets);
    }

    @Test
    void aFailedPiecePassesTheTurnOn() throws Exception {
        Turns turns = new Turns();
        long first = turns.issue();
        long second = turns.issue();
        List<String> ran = new ArrayList<>();
        assertThatThrownBy(() -> turns.run(first, () -> {
            throw new java.io.IOException("connection refused");
        })).hasMessage("connection refused");
        turns.run(second, () -> ran.add("second"));
        assertThat(ran).containsExactly("second");
    }
}
