TASKS = {}


def register_task(name):
    def deco(cls):
        TASKS[name] = cls
        return cls
    return deco
