// « Déposer un besoin »: the number of organisations that would receive the need, updated as
// its criteria change. Without this script, the button « Compter les organisations » does it.
document.addEventListener("DOMContentLoaded", () => {
  const criteres = document.querySelector(".criteres[data-compter]");
  const texte = document.getElementById("compte-destinataires");
  if (!criteres || !texte) return;
  let demande = 0;
  criteres.addEventListener("change", async () => {
    const numero = ++demande;
    const parametres = new URLSearchParams();
    for (const champ of criteres.querySelectorAll("select, input:checked")) {
      if (champ.value) parametres.append(champ.name, champ.value);
    }
    try {
      const reponse = await fetch(`${criteres.dataset.compter}?${parametres}`);
      if (!reponse.ok) return;
      const donnees = await reponse.json();
      // An answer that arrives after a later one is dropped.
      if (numero === demande) texte.textContent = donnees.texte;
    } catch {
      // The network failed: the button still counts.
    }
  });
});
