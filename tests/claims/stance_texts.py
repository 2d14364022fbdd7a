"""A claim and bodies written for the stance tests (no third-party text), shared by their files."""

CLAIM = "Iran and the United States are cooperating militarily in Iraq"
AGREE = (
    "The United States and Iran are cooperating militarily in Iraq. US jets are bombing Islamic State "
    "positions near Tikrit while Iranian commanders direct the ground offensive, and the two militaries "
    "share intelligence."
)
DISAGREE = (
    "The State Department on Monday denied reports that the United States is cooperating militarily with "
    'Iran in Iraq. "We are not coordinating military action with Iran," a spokeswoman said, calling the '
    "reports false. Officials said there is no cooperation of any kind between the two militaries."
)
UNRELATED = (
    "A new bakery opened on Main Street this weekend, offering sourdough bread and pastries. The owner "
    "said she had dreamed of running her own shop since she was a child. Customers lined up around the "
    "block on Saturday morning to taste the croissants."
)
FRENCH = (
    "Le gouvernement a annoncé mardi une nouvelle réforme des retraites qui suscite la colère des "
    "syndicats dans tout le pays, et plusieurs grèves sont prévues la semaine prochaine dans les "
    "transports publics et les écoles."
)
